/**
 * The stream worker: owns this display's data link to the gateway. It connects as a `stream` client with the
 * shared gateway link (handshake, heartbeats, reconnection with back-off), subscribes to the ward whenever the
 * link comes up, validates what arrives, writes waveforms into the channels' ring buffers (waveform-intake.ts)
 * and reports link state and numerics to the UI thread.
 */
import { createConsoleLogger } from '../../common/logging/logger';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import { openGatewayLink, type CredentialOutcome, type GatewayLink } from '../../common/wire/gateway-link';
import { numericsMessageSchema, WARD_EVENTS, type SubscribeRequest } from '../../common/wire/ward-messages';
import type { StreamWorkerCommand, StreamWorkerReport } from './stream-messages';
import { WaveformIntake } from './waveform-intake';

/** The parts of the dedicated worker scope this file uses (the DOM library has no worker scope type). */
interface WorkerScope {
  readonly crossOriginIsolated: boolean;
  postMessage(message: StreamWorkerReport, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<StreamWorkerCommand>) => void): void;
}

const scope = self as unknown as WorkerScope;
const logger = createConsoleLogger('stream-worker');
const WARD_SUBSCRIPTION: SubscribeRequest = { beds: 'all', waveforms: true };
const intake = new WaveformIntake(scope.crossOriginIsolated, (report, transfer) =>
  scope.postMessage(report, transfer ?? []),
);
let link: GatewayLink | null = null;
let dropped = 0;
let nextRequestId = 1;
const waitingForCredential = new Map<number, (outcome: CredentialOutcome) => void>();

/** Asks the UI thread (which asks main) for a view-only token; the worker never stores it anywhere but here. */
function requestCredential(fresh: boolean): Promise<CredentialOutcome> {
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    waitingForCredential.set(requestId, resolve);
    scope.postMessage({ type: 'need-credential', requestId, fresh });
  });
}

scope.addEventListener('message', (event) => {
  const command = event.data;
  if (command.type === 'credential') {
    const waiting = waitingForCredential.get(command.requestId);
    waitingForCredential.delete(command.requestId);
    // A failure (the station service or the gateway was unreachable) makes the link retry; null makes it wait for a sign-in.
    waiting?.(
      command.failure !== undefined
        ? { ok: false, error: { message: command.failure } }
        : { ok: true, value: command.credential },
    );
    return;
  }
  if (command.type === 'reauthenticate') {
    void link?.reauthenticate();
    return;
  }
  // A new gateway address (the station was reconfigured) replaces the old link.
  link?.close();
  const current = openGatewayLink({
    url: command.gatewayUrl,
    fallbackUrls: command.fallbackUrls,
    stationName: command.stationName,
    client: 'stream',
    credentials: requestCredential,
    logger,
  });
  link = current;
  let wasConnected = false;
  const report = (): void => {
    const state = current.state();
    scope.postMessage({ type: 'link', state });
    const connected = state.status === 'connected';
    // Subscriptions live on the gateway's side of the socket: ask again after every reconnect.
    if (connected && !wasConnected) {
      void current.call('subscribe', WARD_SUBSCRIPTION).then((reply) => {
        if (!reply.ok)
          logger.warn('subscription to the ward failed; it is retried on the next reconnect', {
            code: reply.error.code,
            reason: reply.error.message,
          });
      });
    }
    wasConnected = connected;
  };
  current.onChange(report);
  current.on(WARD_EVENTS.waves, (payload) => intake.receive(payload));
  current.on(WARD_EVENTS.numerics, (payload) => {
    const parsed = numericsMessageSchema.safeParse(payload);
    if (!parsed.success) {
      dropped += 1;
      scope.postMessage({
        type: 'dropped',
        count: dropped,
        reason: `numerics: ${summarizeSchemaIssues(parsed.error)}`,
      });
      return;
    }
    scope.postMessage({ type: 'numerics', numerics: parsed.data });
  });
  report();
});
