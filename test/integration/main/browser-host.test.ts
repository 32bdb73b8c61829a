/**
 * The browser host for real: an embedded gateway, the station runtime, the HTTP server and the /ipc WebSocket,
 * driven by a real WebSocket client the way the page drives it.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CALL_CHANNELS, EVENT_CHANNELS } from '../../../common/ipc/channels';
import { BROWSER_HOST_PROTOCOL, launchKeyProtocol } from '../../../common/ipc/host-wire';
import { stationIdentitySchema } from '../../../common/station/station-identity';
import { startBrowserHost, type BrowserHost } from '../../../main/browser-host/browser-host';
import { startStationRuntime, type StationRuntime } from '../../../main/station/station-runtime';
import { createRecordingLogger } from '../../support/recording-logger';
import { waitFor } from '../../support/wait-for';
import { testStationOptions } from '../../support/station-options';

let runtime: StationRuntime;
let host: BrowserHost;
let logger: ReturnType<typeof createRecordingLogger>;
let origin: string;

beforeAll(async () => {
  const rendererDir = join(await mkdtemp(join(tmpdir(), 'wardwatch-host-')), 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>WardWatch</title>');
  logger = createRecordingLogger();
  runtime = await startStationRuntime(testStationOptions({ stationName: 'Nurse station 1' }), 'browser-host', logger);
  host = await startBrowserHost({ port: 0, rendererDir, runtime, logger });
  origin = new URL(host.url).origin;
});

afterAll(async () => {
  await host.close();
  await runtime.close();
});

/** The launch key the host put in the address it printed. */
const launchKey = (): string => new URL(host.url).hash.replace('#key=', '');

/** A WebSocket client that collects every message it receives; by default the page's origin and launch key. */
async function openClient(
  headers: Record<string, string> = { Origin: origin },
  protocols: string[] = [BROWSER_HOST_PROTOCOL, launchKeyProtocol(launchKey())],
) {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/ipc`, protocols, { headers });
  const messages: Record<string, unknown>[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages };
}

describe('browser host', () => {
  it('serves the renderer with the station’s security headers', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain(runtime.gatewayUrl);
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect((await fetch(`${origin}/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(host.url, { method: 'POST' })).status).toBe(405);
  });

  it('answers getStationIdentity over the WebSocket with a reply that fits the contract', async () => {
    const { ws, messages } = await openClient();
    await waitFor('gateway link up', () => messages.length >= 0 && runtime !== undefined);
    ws.send(JSON.stringify({ type: 'call', id: 1, channel: CALL_CHANNELS.getStationIdentity }));
    const reply = await waitFor('the reply', () =>
      messages.find((message) => message.type === 'reply' && message.id === 1),
    );
    const result = reply.result as { ok: boolean; value: unknown };
    expect(result.ok).toBe(true);
    const identity = stationIdentitySchema.parse(result.value);
    expect(identity).toMatchObject({
      stationName: 'Nurse station 1',
      host: 'browser-host',
      gateway: { url: runtime.gatewayUrl, embedded: true, cleartext: false },
    });
    ws.close();
  });

  it('says a browser host saves no PDFs (the page prints instead) and refuses history to a station nobody signed in to', async () => {
    const caller = { transport: 'browser-host', callerId: 'test' } as const;
    expect(await runtime.router.dispatch(CALL_CHANNELS.saveReportAsPdf, { title: 'Bed 1 VFIB' }, caller)).toMatchObject(
      { ok: false, error: { code: 'UNSUPPORTED' } },
    );
    // History is the gateway's: wait until the station's link to it is up.
    for (let tries = 0; tries < 200; tries += 1) {
      const identity = (await runtime.router.dispatch(CALL_CHANNELS.getStationIdentity, undefined, caller)) as {
        value?: { link: { status: string } };
      };
      if (identity.value?.link.status === 'connected') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const history = await runtime.router.dispatch(
      CALL_CHANNELS.getAlarmHistory,
      { fromMs: 0, toMs: Date.now() },
      caller,
    );
    expect(history).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: /signed in as itself and may only show the ward/ },
    });
  });

  it('rejects a call of the wrong type and an unknown channel with specific errors', async () => {
    const { ws, messages } = await openClient();
    ws.send(
      JSON.stringify({ type: 'call', id: 7, channel: CALL_CHANNELS.getStationIdentity, request: { verbose: 'yes' } }),
    );
    ws.send(JSON.stringify({ type: 'call', id: 8, channel: 'station:format-disk' }));
    const wrongType = await waitFor('reply 7', () => messages.find((message) => message.id === 7));
    const unknown = await waitFor('reply 8', () => messages.find((message) => message.id === 8));
    expect(wrongType.result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    ws.close();
  });

  it('counts and answers malformed messages without closing the socket', async () => {
    const { ws, messages } = await openClient();
    const before = host.ipcStats.malformedMessages;
    ws.send('this is not json');
    ws.send(JSON.stringify({ type: 'call', id: -1, channel: 5 }));
    ws.send(Buffer.from([1, 2, 3]));
    await waitFor('three errors', () => messages.filter((message) => message.type === 'error').length === 3);
    expect(messages.every((message) => (message.error as { code: string }).code === 'MALFORMED_MESSAGE')).toBe(true);
    expect(host.ipcStats.malformedMessages - before).toBe(3);
    ws.send(JSON.stringify({ type: 'call', id: 2, channel: CALL_CHANNELS.getStationIdentity }));
    await waitFor('a normal reply after the bad ones', () => messages.find((message) => message.id === 2));
    ws.close();
  });

  it('drops an oversized message and counts it', async () => {
    const { ws } = await openClient();
    const before = host.ipcStats.malformedMessages;
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(
      JSON.stringify({ type: 'call', id: 3, channel: CALL_CHANNELS.getStationIdentity, request: 'x'.repeat(300_000) }),
    );
    expect(await closed).toBe(1009);
    await waitFor('the drop counted', () => host.ipcStats.malformedMessages > before);
  });

  it.each([[{ Origin: 'http://evil.example' }], [{}]])(
    'refuses a WebSocket from another origin %j',
    async (headers) => {
      const before = host.ipcStats.refusedUpgrades;
      await expect(openClient(headers)).rejects.toThrow(/403/);
      expect(host.ipcStats.refusedUpgrades).toBe(before + 1);
    },
  );

  it('refuses a local process that sets the right Origin but lacks this launch’s key, and never logs the key', async () => {
    const before = host.ipcStats.refusedUpgrades;
    const wrongKey = launchKey().replace(/^./, (first) => (first === 'A' ? 'B' : 'A'));
    await expect(openClient({ Origin: origin }, [BROWSER_HOST_PROTOCOL])).rejects.toThrow(/403/);
    await expect(openClient({ Origin: origin }, [BROWSER_HOST_PROTOCOL, launchKeyProtocol(wrongKey)])).rejects.toThrow(
      /403/,
    );
    expect(host.ipcStats.refusedUpgrades).toBe(before + 2);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(logger.lines)).not.toContain(launchKey());
    expect(JSON.stringify(logger.lines)).not.toContain(wrongKey);
    // The right key still works, and the handshake answers with the API's protocol, not the key.
    const { ws } = await openClient();
    expect(ws.protocol).toBe(BROWSER_HOST_PROTOCOL);
    ws.close();
  });

  it('pushes gateway link changes to every connected page', async () => {
    const { ws, messages } = await openClient();
    runtime.events.publish('gatewayLinkChanged', {
      status: 'disconnected',
      sinceMs: Date.now(),
      wardName: null,
      gatewayVersion: null,
      roundTripMs: null,
      detail: 'test',
      failedAttempts: 1,
      principal: null,
    });
    // The runtime's own link to its gateway publishes changes too (it connects at start): the test's event is
    // the one with its detail.
    const event = await waitFor('the event', () =>
      messages.find(
        (message) =>
          message.type === 'event' && (message as { payload?: { detail?: unknown } }).payload?.detail === 'test',
      ),
    );
    expect(event).toMatchObject({ channel: EVENT_CHANNELS.gatewayLinkChanged, payload: { status: 'disconnected' } });
    ws.close();
  });
});
