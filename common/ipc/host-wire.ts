/**
 * The browser host's WebSocket messages: the same station API calls and events as Electron's IPC, in JSON
 * envelopes. The server validates every incoming envelope; the client validates every outgoing answer.
 */
import { z } from 'zod';
import { IPC_ERROR_CODES } from './error-codes';

/** Path of the WebSocket on the browser host. */
export const BROWSER_HOST_IPC_PATH = '/ipc';

/**
 * The WebSocket subprotocol of the station API. The page offers it together with `key.<launch key>`: the browser
 * host makes a fresh key at every launch and puts it only in the address it prints (`#key=…`, a fragment, which
 * browsers never send), so a local process that merely knows the port and sets the right Origin still cannot
 * connect. The key travels in the Sec-WebSocket-Protocol header, never in a URL that could be logged.
 */
export const BROWSER_HOST_PROTOCOL = 'wardwatch.station.v1';

/** The fragment parameter that carries the launch key in the browser host's address. */
export const LAUNCH_KEY_PARAMETER = 'key';

/** The subprotocol entry that presents a launch key. */
export function launchKeyProtocol(key: string): string {
  return `key.${key}`;
}

/** A launch key: 43 base64url characters (32 random bytes). */
export const LAUNCH_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Largest envelope either side accepts; station API messages are small. */
export const MAX_HOST_MESSAGE_BYTES = 256 * 1024;

/** A call from the page. `request` is absent for calls without arguments. */
export const hostCallMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(128),
  request: z.unknown().optional(),
});

/** See {@link hostCallMessageSchema}. */
export type HostCallMessage = z.infer<typeof hostCallMessageSchema>;

const ipcErrorSchema = z.object({ code: z.enum(IPC_ERROR_CODES), message: z.string() });

/** What the station sends the page: a reply to a call, an event, or an error about an unreadable message. */
export const hostServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('reply'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: ipcErrorSchema }),
    ]),
  }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('error'), error: ipcErrorSchema }),
]);

/** See {@link hostServerMessageSchema}. */
export type HostServerMessage = z.infer<typeof hostServerMessageSchema>;
