/**
 * The station's side of the ward's alarms: the gateway's snapshots (kept and pushed to the UI), and the signed-in
 * clinician's acknowledgments, resets and AUDIO PAUSED sent through the control link. An acknowledgment the
 * gateway cannot record now — no answer, its journal behind, a token that expired, an alarm it has not restored
 * yet — is queued with its idempotency key, kept in the station's data folder (a restarted station still has it),
 * and replayed under the same clinician once she is signed in and the gateway can record it: the gateway records it
 * exactly once however often it arrives. One the gateway refuses for good (the alarm ended before it arrived) is
 * shown as not delivered, with the reason, until a clinician dismisses it.
 *
 * Every state carries gateway time (the alarm clock) as the link estimates it, so the UI judges AUDIO PAUSED in
 * gateway time; a state is sent again whenever that estimate moves (a gateway restarted on another clock). COMMS
 * LOST is the station's own alarm: only a signed-in clinician may pause its sound, for the ward's pause time, and
 * the station's log says who.
 */
import { createListenerSet } from '../../common/events/listener-set';
import { randomUUID } from 'node:crypto';
import { alarmSnapshotSchema, type AlarmSnapshot, type AudioPause } from '../../common/alarms/alarm-model';
import { fail, ok, type IpcResult } from '../../common/ipc/result';
import type { Logger } from '../../common/logging/logger';
import { failFromGateway } from '../../common/ipc/gateway-failures';
import type { CommsLostPause, StationAlarms } from '../../common/station/station-alarms';
import type { GatewayLink } from '../../common/wire/gateway-link';
import type { GatewayReply } from '../../common/wire/gateway-reply';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import type { StationSession } from '../session/station-session';
import { accepting } from '../station/accepting';
import { rolesAllowedPhrase, sessionMay, withArticle } from '../../common/identity/permissions';
import {
  ACKNOWLEDGMENT_QUEUE_LIMIT,
  MEMORY_ACKNOWLEDGMENT_QUEUE,
  type AcknowledgmentQueueStore,
  type QueuedAcknowledgment,
} from './acknowledgment-queue-file';

/** The station's alarms. */
export interface StationAlarmDesk {
  state(): StationAlarms;
  /** Returns the function that stops listening. */
  onChange(listener: (state: StationAlarms) => void): () => void;
  acknowledge(alarmId: string): Promise<IpcResult<{ status: 'recorded' | 'queued' }>>;
  reset(alarmId: string): Promise<IpcResult<{ status: 'recorded' | 'queued' }>>;
  /** Removes a not-delivered acknowledgment from the list (a clinician only; logged). */
  dismissAcknowledgment(idempotencyKey: string): IpcResult<Record<string, never>>;
  pauseAudio(): Promise<IpcResult<AudioPause>>;
  /** Pauses COMMS LOST's sound at this station for `audioPauseSeconds` (a clinician only; logged). */
  pauseCommsLost(): IpcResult<CommsLostPause>;
}

/** How soon a queued acknowledgment the gateway could not record yet is sent again. */
const REPLAY_RETRY_MS = 5000;

/** How far the gateway-time estimate may move before the UI is sent the new one. */
const CLOCK_RESEND_MS = 25;

/** Attaches to the control link. */
export function attachStationAlarms(
  link: GatewayLink,
  session: StationSession,
  logger: Logger,
  audioPauseSeconds: () => number,
  store: AcknowledgmentQueueStore = MEMORY_ACKNOWLEDGMENT_QUEUE,
): StationAlarmDesk {
  let snapshot: AlarmSnapshot | null = null;
  /** A snapshot arrived since the link last connected: the gateway's alarms, not a former gateway's. */
  let snapshotIsCurrent = false;
  const queue: QueuedAcknowledgment[] = store.load();
  if (queue.length > 0) logger.info('queued acknowledgments kept from before the restart', { count: queue.length });
  const persist = (): void => store.save(queue);
  const listeners = createListenerSet<StationAlarms>();
  const state = (): StationAlarms => {
    const signedIn = session.state().user?.username ?? null;
    return {
      snapshot,
      pendingAcknowledgments: queue.filter((entry) => entry.state === 'queued').map((entry) => entry.alarmId),
      acknowledgments: queue.map((entry) => ({
        idempotencyKey: entry.idempotencyKey,
        alarmId: entry.alarmId,
        label: entry.label,
        displayName: entry.displayName,
        state:
          entry.state === 'not-delivered'
            ? 'not-delivered'
            : entry.username === signedIn
              ? 'waiting-for-gateway'
              : 'waiting-for-clinician',
        reason: entry.reason,
      })),
      gatewayTimeMs: link.gatewayNow(),
    };
  };
  let sentOffset: number | null = null;
  const changed = (): void => {
    const current = state();
    sentOffset = current.gatewayTimeMs === null ? null : current.gatewayTimeMs - performance.now();
    listeners.emit(current);
  };
  link.onChange(() => {
    const gatewayNow = link.gatewayNow();
    if (gatewayNow === null) return;
    const offset = gatewayNow - performance.now();
    if (sentOffset === null || Math.abs(offset - sentOffset) > CLOCK_RESEND_MS) changed();
  });

  link.on(
    WARD_EVENTS.alarms,
    accepting(alarmSnapshotSchema, 'alarms', logger, (value) => {
      snapshot = value;
      snapshotIsCurrent = true;
      changed();
    }),
  );
  link.onChange((current) => {
    if (current.status !== 'connected') snapshotIsCurrent = false;
  });

  /** The signed-in clinician, or why there is none. */
  const clinician = (): { username: string; displayName: string } | IpcResult<never> => {
    const { user, locked } = session.state();
    if (user === null || locked)
      return fail(
        'NOT_SIGNED_IN',
        `sign in (or unlock) as ${rolesAllowedPhrase('alarm.acknowledge')} to act on alarms`,
      );
    if (!sessionMay({ user, locked }, 'alarm.acknowledge'))
      return fail(
        'FORBIDDEN',
        `${withArticle(user.role)} may not act on alarms; only ${rolesAllowedPhrase('alarm.acknowledge')} may`,
      );
    return { username: user.username, displayName: user.displayName };
  };

  /** A refusal as the station API says it. */
  const refusal = (reply: GatewayReply<unknown> & { ok: false }): IpcResult<never> => failFromGateway(reply.error);
  /** Whether the request never reached the gateway (the caller may queue it), logged as such. */
  const unreached = (reply: GatewayReply<unknown>, name: string): boolean => {
    if (reply.ok || reply.error.code !== 'UNREACHABLE') return false;
    logger.warn('an alarm request got no answer', { request: name, reason: reply.error.message });
    return true;
  };
  /**
   * What an acknowledgment's reply means for it. `retry` — the reason passes, so it is kept and sent again, never
   * dropped: no answer; the gateway could not write its journal in time (it then records nothing); the token
   * expired or was not accepted (the session renews it, or she signs in again); or UNKNOWN_ALARM from a gateway
   * that has not restored its alarms yet (just restarted, or a standby taking over). `refused`: for good.
   */
  const verdictOf = (reply: GatewayReply<unknown>): 'recorded' | 'retry' | { refused: string } => {
    if (reply.ok) return 'recorded';
    if (unreached(reply, 'acknowledgeAlarm')) return 'retry';
    const { code, message } = reply.error;
    const restored = snapshotIsCurrent && snapshot !== null && snapshot.journal.state !== 'opening';
    if (
      code === 'UNAVAILABLE' ||
      code === 'TOKEN_EXPIRED' ||
      code === 'TOKEN_INVALID' ||
      (code === 'UNKNOWN_ALARM' && !restored)
    ) {
      logger.warn('the gateway could not record an acknowledgment now; it stays queued', { code, reason: message });
      return 'retry';
    }
    if (code === 'UNKNOWN_ALARM')
      return { refused: 'the alarm had ended before the gateway received this acknowledgment' };
    return { refused: message };
  };
  /** While acknowledgments wait on a connected gateway that cannot record them yet, they are tried again. */
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const retrySoon = (): void => {
    if (retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void replay();
    }, REPLAY_RETRY_MS);
    retryTimer.unref?.();
  };

  let replaying = false;
  const replay = async (): Promise<void> => {
    if (replaying) return;
    const principal = link.state().principal;
    if (link.state().status !== 'connected' || principal?.kind !== 'user' || principal.scope !== 'full') return;
    // Replayed only under the clinician who made it: the journal must name who acknowledged.
    const hers = queue.filter((entry) => entry.state === 'queued' && entry.username === principal.username);
    if (hers.length === 0) return;
    replaying = true;
    try {
      for (const entry of hers) {
        const reply = await link.call('acknowledgeAlarm', {
          alarmId: entry.alarmId,
          idempotencyKey: entry.idempotencyKey,
        });
        const verdict = verdictOf(reply);
        if (verdict === 'retry') {
          retrySoon();
          break;
        }
        const at = queue.indexOf(entry);
        if (at < 0) continue;
        if (verdict === 'recorded') queue.splice(at, 1);
        else queue[at] = { ...entry, state: 'not-delivered', reason: verdict.refused.slice(0, 300) };
        persist();
        logger.info('queued acknowledgment replayed', {
          alarmId: entry.alarmId,
          outcome: verdict === 'recorded' ? 'recorded' : 'not delivered',
        });
      }
    } finally {
      replaying = false;
      changed();
    }
  };
  link.onChange(() => void replay());
  // Her entries wait while she is signed out; another clinician's sign-in does not send them in her name. The
  // list shows whose they are either way.
  session.onChange(() => changed());

  const labelOf = (alarmId: string): string => {
    const alarm = snapshot?.alarms.find((candidate) => candidate.alarmId === alarmId);
    return alarm === undefined ? alarmId : `${alarm.bedLabel || alarm.bedId} · ${alarm.message || alarm.condition}`;
  };

  return {
    state,
    onChange: listeners.add,
    async acknowledge(alarmId) {
      const who = clinician();
      if ('ok' in who) return who;
      const entry: QueuedAcknowledgment = {
        alarmId,
        idempotencyKey: randomUUID(),
        username: who.username,
        displayName: who.displayName,
        label: labelOf(alarmId).slice(0, 160),
        state: 'queued',
        reason: null,
      };
      const reply = await link.call('acknowledgeAlarm', { alarmId, idempotencyKey: entry.idempotencyKey });
      const verdict = verdictOf(reply);
      if (verdict === 'retry') {
        if (queue.length >= ACKNOWLEDGMENT_QUEUE_LIMIT)
          return fail(
            'GATEWAY_UNAVAILABLE',
            `the gateway cannot record acknowledgments now and ${ACKNOWLEDGMENT_QUEUE_LIMIT} are already waiting; acknowledge at the bedside`,
          );
        queue.push(entry);
        persist();
        changed();
        if (link.state().status === 'connected') retrySoon();
        return ok({ status: 'queued' });
      }
      return reply.ok ? ok({ status: 'recorded' }) : refusal(reply);
    },
    async reset(alarmId) {
      const who = clinician();
      if ('ok' in who) return who;
      const reply = await link.call('resetAlarm', { alarmId, idempotencyKey: randomUUID() });
      if (unreached(reply, 'resetAlarm'))
        return fail('GATEWAY_UNAVAILABLE', 'the gateway cannot be reached; reset the alarm once it is back');
      return reply.ok ? ok({ status: 'recorded' }) : refusal(reply);
    },
    async pauseAudio() {
      const who = clinician();
      if ('ok' in who) return who;
      const reply = await link.call('pauseAudio', {});
      if (unreached(reply, 'pauseAudio'))
        return fail(
          'GATEWAY_UNAVAILABLE',
          'the gateway cannot be reached; alarm audio cannot be paused for the ward now',
        );
      return reply.ok ? ok(reply.value) : refusal(reply);
    },
    dismissAcknowledgment(idempotencyKey) {
      const who = clinician();
      if ('ok' in who) return who;
      const at = queue.findIndex((entry) => entry.idempotencyKey === idempotencyKey);
      const entry = queue[at];
      if (entry === undefined) return ok({});
      if (entry.state !== 'not-delivered')
        return fail(
          'REFUSED',
          'this acknowledgment is still waiting to be delivered; only an undelivered one is dismissed',
        );
      queue.splice(at, 1);
      persist();
      logger.warn('an undelivered acknowledgment was dismissed', {
        alarmId: entry.alarmId,
        madeBy: entry.username,
        dismissedBy: who.username,
      });
      changed();
      return ok({});
    },
    pauseCommsLost() {
      const who = clinician();
      if ('ok' in who) return who;
      const seconds = audioPauseSeconds();
      logger.warn('COMMS LOST audio paused at this station', { by: who.username, seconds });
      return ok({ seconds, byUsername: who.username, byDisplayName: who.displayName });
    },
  };
}
