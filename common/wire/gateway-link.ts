/**
 * A client's link to its ward gateway (the station's control link in main, the stream worker's data link):
 * connects with an access token, handshakes, sends heartbeats, renews its token before it expires on the same
 * socket (so a live stream never stops), and reports a {@link GatewayLinkState} whenever it changes.
 * socket.io-client reconnects with back-off on its own; this module turns its events into a state a nurse can
 * read ("disconnected: connection refused"), notices a gateway that keeps the TCP connection open but no longer
 * answers, and handles the refusals socket.io does not retry (a token refused at the handshake).
 */
import { io, type Socket } from 'socket.io-client';
import type { GatewayLinkState } from '../station/gateway-link-state';
import {
  GATEWAY_EVENTS,
  GATEWAY_PROTOCOL_VERSION,
  HANDSHAKE_REFUSALS,
  gatewayWelcomeSchema,
  type GatewayHello,
} from './gateway-handshake';
import type { Logger } from '../logging/logger';
import { createListenerSet } from '../events/listener-set';
import type { GatewayReply } from './gateway-reply';
import { callWardRequest } from './ward-call';
import type { WardReplyValue, WardRequestInput, WardRequestName } from './ward-requests';
import type { Principal } from '../identity/principal';
import { GatewayTimeEstimate } from './gateway-time';

/** An access token and when it stops working. */
export interface LinkCredential {
  readonly token: string;
  readonly expiresAtMs: number;
}

/**
 * The answer of a credential source: a credential, null when there is none (nobody signed in, station not
 * enrolled) — the link then waits for {@link GatewayLink.reauthenticate} — or why none can be had now (the
 * sign-in service is unreachable): the link says so and asks again shortly. The station API's `IpcResult` and a
 * `GatewayReply` both have this shape.
 */
export type CredentialOutcome =
  | { readonly ok: true; readonly value: LinkCredential | null }
  | { readonly ok: false; readonly error: { readonly message: string } };

/**
 * Supplies the token for a connection or a renewal; never rejects. `fresh` asks for a new token rather than a
 * cached one (a renewal, or after the gateway refused the cached one).
 */
export type CredentialSource = (fresh: boolean) => Promise<CredentialOutcome>;

/** TLS settings for Node clients (browsers use their own trust store and ignore these). */
export interface LinkTlsOptions {
  /** PEM of the certificate authority to trust for this gateway. */
  readonly ca?: string;
  /** Extra check of the server certificate (CA pinning); returns an Error to refuse. */
  readonly checkServerIdentity?: (host: string, certificate: never) => Error | undefined;
}

/** How to reach the gateway. */
export interface GatewayLinkOptions {
  readonly url: string;
  /**
   * The ward's other gateways (its standby): when the one in use cannot be reached or drops the link, the next is
   * tried at once, in turn — only the ward's leader accepts connections, so the link follows the leader.
   */
  readonly fallbackUrls?: readonly string[];
  readonly stationName: string;
  /** Which kind of client this is; the gateway streams waveforms only to `stream` clients. */
  readonly client: GatewayHello['client'];
  readonly credentials: CredentialSource;
  readonly logger: Logger;
  /** Heartbeat period; a heartbeat unanswered for this long marks the link disconnected. */
  readonly heartbeatMs?: number;
  readonly tls?: LinkTlsOptions;
}

/** A live link; `state()` is always current, `onChange` fires on every change. */
export interface GatewayLink {
  state(): GatewayLinkState;
  onChange(listener: (state: GatewayLinkState) => void): () => void;
  /** Listens to a gateway event (census, numerics, waves…); returns the function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * Calls a ward request (ward-requests.ts): the payload and the answer are checked against the contract; never
   * rejects — not connected, no answer in time, or an unreadable answer come back as refusals (ward-call.ts).
   */
  call<N extends WardRequestName>(name: N, payload: WardRequestInput<N>): Promise<GatewayReply<WardReplyValue<N>>>;
  /** Gateway time now (the alarm clock), learned from this link; null before the gateway first answered. */
  gatewayNow(): number | null;
  /** Asks the credential source again and presents the result: after a sign-in, sign-out, lock or enrollment. */
  reauthenticate(): Promise<void>;
  close(): void;
}

const DEFAULT_HEARTBEAT_MS = 1000;
/** Pause before reconnecting after the gateway dropped or refused this client. */
const RETRY_MS = 1000;
/** Pause before the first tries with a fresh token after a refused one. */
const FRESH_TOKEN_RETRY_MS = 100;
/** Pause after every gateway of the ward refused or could not be reached, before trying them all again. */
const MOVE_ROUND_MS = 250;
/** Renew a token when this share of its life has passed. */
const RENEW_AT_SHARE = 0.7;

/** Opens the link; it keeps trying until closed. */
export function openGatewayLink(options: GatewayLinkOptions): GatewayLink {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const listeners = createListenerSet<GatewayLinkState>();
  let closed = false;
  let current: GatewayLinkState = {
    status: 'connecting',
    sinceMs: Date.now(),
    wardName: null,
    gatewayVersion: null,
    roundTripMs: null,
    detail: null,
    failedAttempts: 0,
    principal: null,
  };

  const update = (patch: Partial<GatewayLinkState>): void => {
    const next = { ...current, ...patch };
    if (patch.status !== undefined && patch.status !== current.status) next.sinceMs = Date.now();
    const changed = (Object.keys(next) as (keyof GatewayLinkState)[]).some((key) => next[key] !== current[key]);
    if (!changed) return;
    if (next.status !== current.status)
      options.logger.info('gateway link changed', { status: next.status, detail: next.detail, url: options.url });
    current = next;
    listeners.emit(current);
  };

  const gatewayTime = new GatewayTimeEstimate();

  // The token for the next handshake; asked for fresh after a refusal.
  let wantFresh = false;
  /** Whether the handshake under way carries a token (without one it only asks whether the gateway is there). */
  let presentedToken = false;
  let pending: LinkCredential | null = null;
  const hello: GatewayHello = {
    protocol: GATEWAY_PROTOCOL_VERSION,
    client: options.client,
    stationName: options.stationName,
  };
  const urls = [options.url, ...(options.fallbackUrls ?? [])];
  let urlIndex = 0;
  const ioOptions = (): Parameters<typeof io>[1] => ({
    autoConnect: false,
    auth: (deliver) => {
      // The token was fetched just before connect(); socket.io's own reconnections fetch again.
      const ready = pending;
      pending = null;
      // A source that fails (or breaks its promise never to reject) gives a handshake without a token.
      const token =
        ready !== null
          ? Promise.resolve(ready)
          : options.credentials(false).then(
              (outcome) => (outcome.ok ? outcome.value : null),
              () => null,
            );
      void token.then((credential) => {
        presentedToken = credential !== null;
        deliver(credential === null ? hello : { ...hello, token: credential.token });
      });
    },
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    timeout: 5000,
    ...(options.tls?.ca === undefined ? {} : { ca: options.tls.ca }),
    ...(options.tls?.checkServerIdentity === undefined ? {} : { checkServerIdentity: options.tls.checkServerIdentity }),
  });

  /** Asks the source; a source that rejects all the same counts as one that said why. */
  const askCredentials = (fresh: boolean): Promise<CredentialOutcome> =>
    options
      .credentials(fresh)
      .catch(
        (error: unknown) =>
          ({ ok: false, error: { message: error instanceof Error ? error.message : String(error) } }) as const,
      );

  /**
   * Connects with a credential when one exists. Without one it still knocks — a handshake without a token — so
   * that a gateway that is down is reported as down (COMMS LOST), and `unauthorized` is what the gateway said; it
   * then waits for reauthenticate().
   */
  let connecting = false;
  const connectWithCredentials = async (): Promise<void> => {
    if (closed || connecting || socket.connected || socket.active) return;
    connecting = true;
    try {
      const outcome = await askCredentials(wantFresh);
      if (!outcome.ok) {
        // A credential exists but could not be had now (the sign-in service is unreachable): try again shortly.
        update({
          status: 'disconnected',
          roundTripMs: null,
          detail: `cannot get credentials for the gateway (${outcome.error.message}); retrying`,
        });
        retrySoon();
        return;
      }
      const credential = outcome.value;
      if (closed) return;
      if (credential !== null) wantFresh = false;
      pending = credential;
      socket.connect();
    } finally {
      connecting = false;
    }
  };
  const retrySoon = (delayMs = RETRY_MS): void => {
    const timer = setTimeout(() => void connectWithCredentials(), delayMs);
    (timer as { unref?: () => void }).unref?.();
  };

  let renewTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleRenewal = (expiresAtMs: number, issuedAtMs: number): void => {
    if (renewTimer !== null) clearTimeout(renewTimer);
    const delay = Math.max(250, (expiresAtMs - issuedAtMs) * RENEW_AT_SHARE - (Date.now() - issuedAtMs));
    renewTimer = setTimeout(() => void renew(true), delay);
    (renewTimer as { unref?: () => void }).unref?.();
  };
  /** Presents a (fresh) token on the open socket; the gateway switches this socket to it without a reconnect. */
  const renew = async (fresh: boolean): Promise<void> => {
    if (!socket.connected) return void connectWithCredentials();
    const outcome = await askCredentials(fresh);
    if (!outcome.ok) {
      // Could not renew now (the sign-in service is unreachable): the current token still works; try again soon.
      scheduleRenewal(Date.now() + 2000, Date.now());
      return;
    }
    const credential = outcome.value;
    if (credential === null) {
      // Nobody may use this link any more (signed out, station forgotten): drop it rather than keep showing data.
      socket.disconnect();
      update({
        status: 'unauthorized',
        roundTripMs: null,
        principal: null,
        detail: 'signed out; sign in to see the ward',
      });
      return;
    }
    const issuedAt = Date.now();
    try {
      const reply = (await socket
        .timeout(5000)
        .emitWithAck(GATEWAY_EVENTS.authenticate, { token: credential.token })) as GatewayReply<{
        principal: Principal;
        tokenExpiresAtMs: number;
      }>;
      if (reply.ok) {
        update({ principal: reply.value.principal });
        scheduleRenewal(reply.value.tokenExpiresAtMs, issuedAt);
      } else {
        options.logger.warn('the gateway refused a renewed token', { reason: reply.error.message });
        scheduleRenewal(Date.now() + 2000, Date.now());
      }
    } catch {
      // No answer in time: the heartbeat notices a dead link; try the renewal again shortly.
      scheduleRenewal(Date.now() + 2000, Date.now());
    }
  };

  /** Token refusals in a row (reset by a welcome): the first two are retried at once. */
  let tokenRefusals = 0;
  /** Listeners of gateway events, kept here so that they follow the link to another gateway. */
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const attach = (target: Socket): void => {
    target.on(GATEWAY_EVENTS.welcome, (payload: unknown) => {
      const welcome = gatewayWelcomeSchema.safeParse(payload);
      if (!welcome.success) {
        update({ status: 'incompatible', detail: 'the gateway answered with a welcome this station cannot read' });
        return;
      }
      gatewayTime.sample(welcome.data.serverTimeMs, null, performance.now());
      tokenRefusals = 0;
      update({
        status: 'connected',
        wardName: welcome.data.wardName,
        gatewayVersion: welcome.data.gatewayVersion,
        detail: null,
        failedAttempts: 0,
        principal: welcome.data.principal,
      });
      // Token expiry is wall-clock time (JWT); serverTimeMs is the alarm clock: renew counting from arrival here.
      scheduleRenewal(welcome.data.tokenExpiresAtMs, Date.now());
    });

    target.on(GATEWAY_EVENTS.authEnded, (payload: unknown) => {
      // The disconnect that follows reconnects with a fresh token (or waits when there is none).
      wantFresh = true;
      const message =
        typeof payload === 'object' && payload !== null
          ? String((payload as { message?: unknown }).message)
          : 'the session ended';
      options.logger.info('the gateway ended this link’s authentication', { reason: message });
    });

    target.on('connect_error', (error: Error) => {
      const attempts = current.failedAttempts + 1;
      switch (error.message) {
        case HANDSHAKE_REFUSALS.protocolMismatch:
          update({
            status: 'incompatible',
            failedAttempts: attempts,
            detail: `the gateway speaks another protocol version (station speaks ${GATEWAY_PROTOCOL_VERSION}); update the station or the gateway`,
          });
          return;
        case HANDSHAKE_REFUSALS.authRequired:
          if (!presentedToken) {
            // The gateway is there and wants credentials this station does not have: wait for a sign-in.
            update({
              status: 'unauthorized',
              roundTripMs: null,
              principal: null,
              detail: 'nobody is signed in and this station is not enrolled; sign in to see the ward',
            });
            return;
          }
          wantFresh = true;
          update({
            status: 'connecting',
            failedAttempts: attempts,
            roundTripMs: null,
            detail: 'the gateway refused this station’s credentials; renewing them',
          });
          // The first retries at once: after a failover the new leader refuses the old leader's token, and the fresh
          // one is a refresh away.
          tokenRefusals += 1;
          retrySoon(tokenRefusals <= 2 ? FRESH_TOKEN_RETRY_MS : RETRY_MS);
          return;
        case HANDSHAKE_REFUSALS.tokenExpired:
        case HANDSHAKE_REFUSALS.tokenInvalid:
          // socket.io does not retry a refusal by the server's middleware: get a new token and try again.
          wantFresh = true;
          update({
            status: 'connecting',
            failedAttempts: attempts,
            roundTripMs: null,
            detail:
              error.message === HANDSHAKE_REFUSALS.tokenExpired
                ? 'renewing an expired token'
                : 'the gateway refused this station’s credentials; renewing them',
          });
          tokenRefusals += 1;
          retrySoon(tokenRefusals <= 2 ? FRESH_TOKEN_RETRY_MS : RETRY_MS);
          return;
        default:
          update({
            status: 'disconnected',
            failedAttempts: attempts,
            roundTripMs: null,
            detail: explainConnectError(error),
          });
          moveOn();
      }
    });

    target.on('disconnect', (reason) => {
      if (renewTimer !== null) clearTimeout(renewTimer);
      if (current.status === 'unauthorized') return;
      update({ status: 'disconnected', roundTripMs: null, detail: `connection lost (${reason}); reconnecting` });
      // socket.io-client reconnects by itself except after the server dropped us on purpose; a station must keep
      // trying all the same (a gateway restart, an expired session, an operator kicking stale clients).
      if (urls.length > 1) moveOn();
      else if (reason === 'io server disconnect') retrySoon();
    });
    for (const [event, set] of eventListeners) for (const listener of set) target.on(event, listener);
  };
  let socket: Socket = io(urls[0] as string, ioOptions());
  attach(socket);
  /**
   * Moves the link to the ward's next gateway (several given): the one in use is unreachable, not the leader, or
   * dropped the link. Tried again at once — a failover must not wait out socket.io's back-off.
   */
  let moving: ReturnType<typeof setTimeout> | null = null;
  const moveOn = (): void => {
    if (urls.length === 1 || closed || moving !== null) return;
    socket.removeAllListeners();
    socket.close();
    urlIndex = (urlIndex + 1) % urls.length;
    socket = io(urls[urlIndex] as string, ioOptions());
    attach(socket);
    // A full round of refusals waits a little before the next round; the first move is at once.
    moving = setTimeout(
      () => {
        moving = null;
        void connectWithCredentials();
      },
      urlIndex === 0 ? MOVE_ROUND_MS : 0,
    );
    (moving as { unref?: () => void }).unref?.();
  };

  let heartbeatInFlight = false;
  const heartbeat = setInterval(() => {
    if (!socket.connected || heartbeatInFlight) return;
    heartbeatInFlight = true;
    const sentAt = performance.now();
    socket.timeout(heartbeatMs * 2).emit(GATEWAY_EVENTS.heartbeat, (error: Error | null, answer: unknown) => {
      heartbeatInFlight = false;
      if (error) {
        update({ status: 'disconnected', roundTripMs: null, detail: 'the gateway stopped answering heartbeats' });
        return;
      }
      const receivedAt = performance.now();
      const serverTimeMs =
        typeof answer === 'object' && answer !== null ? (answer as { serverTimeMs?: unknown }).serverTimeMs : undefined;
      if (typeof serverTimeMs === 'number') gatewayTime.sample(serverTimeMs, sentAt, receivedAt);
      const roundTripMs = Math.round((receivedAt - sentAt) * 10) / 10;
      update(current.wardName === null ? { roundTripMs } : { status: 'connected', detail: null, roundTripMs });
    });
  }, heartbeatMs);
  // Node: do not keep a process alive for heartbeats alone (browsers return a number and have no unref).
  (heartbeat as { unref?: () => void }).unref?.();

  void connectWithCredentials();

  return {
    state: () => current,
    onChange: listeners.add,
    on: (event, listener) => {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener);
      eventListeners.set(event, set);
      socket.on(event, listener);
      return () => {
        set.delete(listener);
        socket.off(event, listener);
      };
    },
    // Only over a link that is up (welcomed, heartbeats answered): a request on a link known dead is UNREACHABLE at
    // once, so that an acknowledgment is queued without waiting for a timeout.
    call: (name, payload) =>
      callWardRequest(
        socket.connected && current.status === 'connected'
          ? (event, body, timeoutMs) => socket.timeout(timeoutMs).emitWithAck(event, body) as Promise<unknown>
          : null,
        name,
        payload,
      ),
    gatewayNow: () => gatewayTime.now(),
    reauthenticate: () => renew(false),
    close: () => {
      closed = true;
      clearInterval(heartbeat);
      if (renewTimer !== null) clearTimeout(renewTimer);
      listeners.clear();
      if (moving !== null) clearTimeout(moving);
      socket.close();
    },
  };
}

/** Turns a socket.io connect error into words (the cause is often an errno like ECONNREFUSED, wrapped in an event). */
function explainConnectError(error: Error): string {
  if (error.message === HANDSHAKE_REFUSALS.malformedHello) return 'the gateway refused this station’s hello';
  if (error.message === HANDSHAKE_REFUSALS.noLeader)
    return 'this gateway node hears no leading gateway for the ward; trying the ward’s other address';
  const description = (
    error as Error & { description?: { message?: unknown; error?: { code?: unknown; message?: unknown } } }
  ).description;
  const code = typeof description?.error?.code === 'string' ? description.error.code : '';
  const inner = typeof description?.error?.message === 'string' ? description.error.message : '';
  const cause = typeof description?.message === 'string' ? description.message : error.message;
  if (code === 'ECONNREFUSED' || cause.includes('ECONNREFUSED'))
    return 'the gateway refused the connection (is it running?); retrying';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return 'the gateway’s host name does not resolve; check the gateway address';
  if (code === 'ETIMEDOUT' || error.message === 'timeout') return 'the gateway did not answer in time; retrying';
  if (/CERT|certificate|pinned|self.signed/i.test(`${code} ${inner}`))
    return `the gateway’s certificate is not trusted (${inner || code}); ask IT to check the gateway certificate and the pinned CA`;
  return `cannot reach the gateway (${cause}); retrying`;
}
