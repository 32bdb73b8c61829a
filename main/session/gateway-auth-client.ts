/**
 * The station's client of the gateway's sign-in API (common/wire/gateway-auth.ts), over node:http(s) so that the
 * ward's CA and pin (gateway-tls.ts) apply. Secrets go in the body or the Authorization header, never the URL, and
 * never into a log line; every reply is validated; every failure comes back as a {@link GatewayReply} refusal with
 * a code of the one gateway list (UNREACHABLE: no answer; BAD_REPLY: an answer of another version).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  AUTH_PATHS,
  AUTH_REPLIES,
  authErrorBodySchema,
  type AuthReply,
  type AuthRequest,
  type AuthRoute,
} from '../../common/wire/gateway-auth';
import { gatewayOk, gatewayRefusal, type GatewayReply } from '../../common/wire/gateway-reply';
import type { NodeTlsOptions } from './gateway-tls';

/** Calls the sign-in API of one gateway; never rejects. */
export interface GatewayAuthClient {
  call<R extends AuthRoute>(route: R, body: AuthRequest<R>, bearer?: string): Promise<GatewayReply<AuthReply<R>>>;
}

const TIMEOUT_MS = 10_000;
const MAX_REPLY_BYTES = 64 * 1024;

/**
 * A client for the ward's gateway at `baseUrls` (http(s)://host:port): one address, or the ward's gateways when it
 * has a standby. Only the leading gateway listens, so a call that cannot reach one address is made at the next, and
 * the address that answered is tried first from then on. Any answer — a grant or a refusal — is the ward's answer;
 * only "unreachable" moves on (a refused password is never retried elsewhere).
 */
export function createGatewayAuthClient(
  baseUrls: string | readonly string[],
  tls: NodeTlsOptions | null,
): GatewayAuthClient {
  const clients = (typeof baseUrls === 'string' ? [baseUrls] : baseUrls).map((url) => singleGatewayClient(url, tls));
  if (clients.length === 0) throw new Error('a gateway auth client needs at least one address');
  let answering = 0;
  return {
    async call<R extends AuthRoute>(route: R, body: AuthRequest<R>, bearer?: string) {
      let reply: GatewayReply<AuthReply<R>> | null = null;
      for (let step = 0; step < clients.length; step += 1) {
        const index = (answering + step) % clients.length;
        reply = await (clients[index] as GatewayAuthClient).call(route, body, bearer);
        if (reply.ok || reply.error.code !== 'UNREACHABLE') {
          answering = index;
          return reply;
        }
      }
      return reply as GatewayReply<AuthReply<R>>;
    },
  };
}

function singleGatewayClient(baseUrl: string, tls: NodeTlsOptions | null): GatewayAuthClient {
  const base = new URL(baseUrl.replace(/^ws/, 'http'));
  const secure = base.protocol === 'https:';
  return {
    call(route, body, bearer) {
      const url = new URL(AUTH_PATHS[route], base);
      const payload = JSON.stringify(body);
      return new Promise((resolve) => {
        const headers: Record<string, string> = {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(payload)),
        };
        if (bearer !== undefined) headers.Authorization = `Bearer ${bearer}`;
        const options = { method: 'POST', headers, timeout: TIMEOUT_MS, ...(secure && tls !== null ? tls : {}) };
        const onResponse = (response: IncomingMessage): void => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_REPLY_BYTES) chunks.push(chunk);
          });
          response.on('end', () =>
            resolve(interpret(route, response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))),
          );
          response.on('error', () =>
            resolve(gatewayRefusal('UNREACHABLE', 'the gateway closed the connection mid-reply')),
          );
        };
        const outgoing = secure ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
        outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 10 s')));
        outgoing.on('error', (error: Error & { code?: string }) =>
          resolve(
            gatewayRefusal(
              'UNREACHABLE',
              `cannot reach the gateway's sign-in service (${error.code ?? error.message})`,
            ),
          ),
        );
        outgoing.end(payload);
      });
    },
  };
}

function interpret<R extends AuthRoute>(route: R, status: number, text: string): GatewayReply<AuthReply<R>> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return gatewayRefusal(
      'BAD_REPLY',
      `the gateway answered ${route} with something that is not JSON (HTTP ${status})`,
    );
  }
  if (status === 200) {
    const parsed = AUTH_REPLIES[route].safeParse(body);
    return parsed.success
      ? gatewayOk(parsed.data as AuthReply<R>)
      : gatewayRefusal('BAD_REPLY', `the gateway's ${route} reply does not match this station's version`);
  }
  const refusal = authErrorBodySchema.safeParse(body);
  if (!refusal.success)
    return gatewayRefusal('BAD_REPLY', `the gateway refused ${route} without saying why (HTTP ${status})`);
  const { code, message, retryAfterSeconds } = refusal.data.error;
  return gatewayRefusal(code, message, retryAfterSeconds);
}
