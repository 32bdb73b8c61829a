/**
 * Credentials for tests that talk to a real gateway: sign in a demo account over the real sign-in API, open a
 * socket with the token, or mint an in-process station token for a gateway the test started itself.
 */
import { request } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { AUTH_PATHS, tokenGrantSchema, type TokenGrant } from '../../common/wire/gateway-auth';
import { GATEWAY_PROTOCOL_VERSION, type GatewayHello } from '../../common/wire/gateway-handshake';
import { DEMO_ACCOUNTS } from '../../gateway/identity/demo-accounts';
import type { Role } from '../../common/identity/roles';

/** The demo account of a role. */
export function demoAccount(role: Role): { username: string; password: string; displayName: string } {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (account === undefined) throw new Error(`no demo account for ${role}`);
  return account;
}

/** POSTs to the sign-in API; the parsed JSON and the status. */
export async function postAuth(
  gatewayUrl: string,
  path: string,
  body: unknown,
  bearer?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(path, gatewayUrl), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` }),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** What a sign-in answered: the HTTP status and, for a refusal, its code and sentence. */
export interface SignInAnswer {
  readonly status: number;
  readonly code: string | null;
  readonly message: string;
}

/**
 * A sign-in POSTed from `localAddress` — any 127.0.0.0/8 address works on Linux loopback, so a test can stand in
 * for several machines of the ward. `body` is merged over a default station name and staySignedIn false.
 */
export function signInFromAddress(
  gatewayUrl: string,
  localAddress: string,
  body: object,
  bearer?: string,
): Promise<SignInAnswer> {
  const payload = JSON.stringify({ stationName: 'Desk 1', staySignedIn: false, ...body });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(AUTH_PATHS.signIn, gatewayUrl),
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          ...(bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          let parsed: { error?: { code: string; message: string } } = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed;
          } catch {
            // Not JSON: the status says enough.
          }
          resolve({
            status: response.statusCode ?? 0,
            code: parsed.error?.code ?? null,
            message: parsed.error?.message ?? '',
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** Signs a demo account in; throws with the gateway's answer when it refuses. */
export async function signInDemo(gatewayUrl: string, role: Role, stationName = 'Test station'): Promise<TokenGrant> {
  const { username, password } = demoAccount(role);
  const answer = await postAuth(gatewayUrl, AUTH_PATHS.signIn, {
    username,
    password,
    stationName,
    staySignedIn: false,
  });
  if (answer.status !== 200) throw new Error(`sign-in as ${username} refused: ${JSON.stringify(answer.body)}`);
  return tokenGrantSchema.parse(answer.body);
}

/** A socket presenting `token` (or none); not yet connected-and-welcomed, see {@link welcomed}. */
export function socketWithToken(
  gatewayUrl: string,
  token: string | undefined,
  client: GatewayHello['client'] = 'station',
  stationName = 'Test station',
): Socket {
  const hello: GatewayHello = {
    protocol: GATEWAY_PROTOCOL_VERSION,
    client,
    stationName,
    ...(token === undefined ? {} : { token }),
  };
  return io(gatewayUrl, { auth: hello, transports: ['websocket'], reconnection: false });
}

/** Resolves when the gateway welcomed the socket; rejects with the refusal. */
export function welcomed(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('welcome', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A welcomed socket of the demo admin: it may drive the simulator and change settings. */
export async function adminSocket(gatewayUrl: string): Promise<Socket> {
  const grant = await signInDemo(gatewayUrl, 'admin', 'e2e control');
  return welcomed(socketWithToken(gatewayUrl, grant.accessToken, 'station', 'e2e control'));
}
