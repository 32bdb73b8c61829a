/**
 * The station's side of the ward's alarms: the gateway's snapshots (kept and pushed to the UI), and the signed-in
 * clinician's acknowledgments, resets and AUDIO PAUSED sent through the control link. An acknowledgment made
 * while the gateway cannot be reached is queued with its idempotency key and replayed, under the same user, once
 * the link is back: the gateway records it exactly once however often it arrives.
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

/** An acknowledgment waiting for the gateway. */
interface QueuedAcknowledgment {
  readonly alarmId: string;
  readonly idempotencyKey: string;
  readonly username: string;
}

/** The station's alarms. */
export interface StationAlarmDesk {
  state(): StationAlarms;
  /** Returns the function that stops listening. */
  onChange(listener: (state: StationAlarms) => void): () => void;
  acknowledge(alarmId: string): Promise<IpcResult<{ status: 'recorded' | 'queued' }>>;
  reset(alarmId: string): Promise<IpcResult<{ status: 'recorded' | 'queued' }>>;
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
): StationAlarmDesk {
  let snapshot: AlarmSnapshot | null = null;
  const queue: QueuedAcknowledgment[] = [];
  const listeners = createListenerSet<StationAlarms>();
  const state = (): StationAlarms => ({
    snapshot,
    pendingAcknowledgments: queue.map((entry) => entry.alarmId),
    gatewayTimeMs: link.gatewayNow(),
  });
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
      changed();
    }),
  );

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
   * Whether an acknowledgment was not recorded for a reason that passes — no answer, or the gateway could not
   * write its journal in time (it then records nothing): the acknowledgment is kept and sent again, never dropped.
   */
  const notYetRecorded = (reply: GatewayReply<unknown>): boolean => {
    if (unreached(reply, 'acknowledgeAlarm')) return true;
    if (reply.ok || reply.error.code !== 'UNAVAILABLE') return false;
    logger.warn('the gateway could not record an acknowledgment now; it stays queued', { reason: reply.error.message });
    return true;
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
    if (replaying || queue.length === 0) return;
    const principal = link.state().principal;
    if (link.state().status !== 'connected' || principal?.kind !== 'user' || principal.scope !== 'full') return;
    replaying = true;
    try {
      for (const entry of [...queue]) {
        // Replayed only under the clinician who made it: the journal must name who acknowledged.
        if (entry.username !== principal.username) continue;
        const reply = await link.call('acknowledgeAlarm', {
          alarmId: entry.alarmId,
          idempotencyKey: entry.idempotencyKey,
        });
        if (notYetRecorded(reply)) {
          retrySoon();
          break;
        }
        queue.splice(queue.indexOf(entry), 1);
        logger.info('queued acknowledgment replayed', {
          alarmId: entry.alarmId,
          outcome: reply.ok ? 'recorded' : reply.error.code,
        });
      }
    } finally {
      replaying = false;
      changed();
    }
  };
  link.onChange(() => void replay());
  session.onChange((current) => {
    // Acknowledgments of a user who signed out before the gateway came back cannot be sent in their name.
    const dropped = queue.filter((entry) => entry.username !== current.user?.username);
    if (dropped.length === 0) return;
    for (const entry of dropped) queue.splice(queue.indexOf(entry), 1);
    logger.warn('queued acknowledgments dropped: their clinician signed out before the gateway was back', {
      count: dropped.length,
    });
    changed();
  });

  return {
    state,
    onChange: listeners.add,
    async acknowledge(alarmId) {
      const who = clinician();
      if ('ok' in who) return who;
      const entry: QueuedAcknowledgment = { alarmId, idempotencyKey: randomUUID(), username: who.username };
      const reply = await link.call('acknowledgeAlarm', { alarmId, idempotencyKey: entry.idempotencyKey });
      if (notYetRecorded(reply)) {
        queue.push(entry);
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
    pauseCommsLost() {
      const who = clinician();
      if ('ok' in who) return who;
      const seconds = audioPauseSeconds();
      logger.warn('COMMS LOST audio paused at this station', { by: who.username, seconds });
      return ok({ seconds, byUsername: who.username, byDisplayName: who.displayName });
    },
  };
}
