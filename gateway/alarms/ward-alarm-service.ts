/**
 * The ward's alarms: a tracker per bed fed on every streaming tick with that bed's latest numerics and the rhythm
 * the gateway's analysis found in its waves (alarms/bed-observation.ts); acknowledgments, resets and AUDIO PAUSED
 * from clinicians; the snapshot the gateway sends each station on connect (`snapshot()`) and after every change
 * (`onChange`). Rhythm calls the analysis suppressed are logged with their reason, once a minute per condition.
 *
 * Annunciation is bounded: an engine event is broadcast at once and written to the journal behind it, in order,
 * through the journal queue (journal-queue.ts) — a slow database delays the record, never the alarm, and each
 * snapshot says up to which version the record is committed. A journal that cannot be written is itself an alarm
 * (ALARM LOG FAILURE) at every station. A clinician's action is different: it is confirmed only once committed.
 * After a restart the standing alarms come back from the journal's standing-alarms table, never overwriting one
 * raised since the start. Every time here is the gateway's one clock.
 */
import { createListenerSet } from '../../common/events/listener-set';
import { randomBytes } from 'node:crypto';
import {
  ALARM_CONDITIONS,
  compareAlarms,
  priorityRank,
  type Alarm,
  type AlarmEventKind,
  type AlarmSnapshot,
  type AudioPause,
} from '../../common/alarms/alarm-model';
import type { UserPrincipal } from '../../common/identity/principal';
import { describeError, type Logger } from '../../common/logging/logger';
import type { AlarmPolicy } from '../../common/wire/ward-settings';
import { gatewayOk, gatewayRefusal, type GatewayReply } from '../../common/wire/gateway-reply';
import type { BedObservation, MonitoredNumeric } from './alarm-rules';
import type { AlarmJournal, AlarmEventInput } from './alarm-journal';
import { BedAlarmTracker, type AlarmChange } from './bed-alarm-tracker';
import { DEFAULT_JOURNAL_QUEUE, JournalQueue, type JournalQueueOptions } from './journal-queue';
import { DeviceAlarmBoard, type DeviceAlarmBed } from './device-alarm-board';
import { SubjectAlarmBoard, type AlarmSubject } from './subject-alarm-board';
import { REMOTE_ALARM_BED_PREFIX } from '../../common/wire/remote-patients';
import type { AlarmConditionKey } from '../../common/alarms/alarm-model';
import type { DeviceAlarmReport } from '../hl7/pcd04-alarms';

/** A bed the service watches. */
export interface AlarmBed {
  readonly bedId: string;
  readonly label: string;
  /** The measurements its channels carry (their loss is a technical alarm from the first second). */
  readonly monitored?: readonly MonitoredNumeric[];
}

/** Who acts, from where. */
export interface AlarmActor {
  readonly user: UserPrincipal;
  readonly station: string;
}

/** The service. */
export interface WardAlarmService {
  /** Evaluates one bed's observation (on every streaming tick) at gateway time `nowMs`. */
  observe(bedId: string, observation: BedObservation, nowMs: number): void;
  acknowledge(
    alarmId: string,
    idempotencyKey: string,
    actor: AlarmActor,
  ): Promise<GatewayReply<{ alarm: Alarm | null; duplicate: boolean }>>;
  reset(alarmId: string, idempotencyKey: string, actor: AlarmActor): Promise<GatewayReply<{ duplicate: boolean }>>;
  pauseAudio(actor: AlarmActor, seconds: number): Promise<GatewayReply<AudioPause>>;
  snapshot(): AlarmSnapshot;
  /** Called with every new snapshot. */
  /** Returns the function that stops listening. */
  onChange(listener: (snapshot: AlarmSnapshot) => void): () => void;
  /** Resolves once the journal is open and the standing alarms restored: how many (0 without a journal). */
  ready(): Promise<number>;
  /** Resolves once every event so far is committed. */
  drained(): Promise<void>;
  /**
   * A problem of the gateway itself that is not the journal's (e.g. full disclosure cannot be written): raised as
   * that condition's alarm at every station while `reason` is a sentence, resolved when it is null.
   */
  reportGatewayProblem(condition: GatewayCondition, reason: string | null): void;
  /**
   * Journals an event that is not an alarm's (an admin's settings change), in order with the alarm events and
   * through the same queue: if it cannot be written, that is ALARM LOG FAILURE like any other event.
   */
  recordEvent(event: AlarmEventInput): void;
  /** A device's own alarm report (PCD-04) for the bed it feeds; the alarm after it, or null when it ended. */
  reportDeviceAlarm(bed: DeviceAlarmBed, report: DeviceAlarmReport): Alarm | null;
  /**
   * The bed is not monitored now (no device sends it observations): every alarm the gateway raised for it ends,
   * journaled; a device's own alarms stay. Cheap when it already stood by; the streaming calls it on every tick.
   */
  standBy(bedId: string, nowMs: number): void;
  /** The bed's patient left (ADT discharge or transfer): its physiological alarms, the device's too, end. */
  patientLeft(bedId: string): void;
  /** Ends the alarms of devices that no longer feed `bedId` (one was unassigned; others still feed it). */
  devicesChanged(bedId: string, feeding: ReadonlySet<string>): void;
  /**
   * Called with every change to an alarm the journal records (raised, escalated, acknowledged, reset, ended…), as
   * it happens: the alarm reporter forwards them to the hospital's alarm communication system.
   */
  onAlarmEvent(listener: (event: AlarmEvent) => void): () => void;
  /**
   * The alarm communication system reported on a forwarded alarm (PCD-05): the alarm carries it, the journal
   * records it. False when no standing alarm has that id (it is journaled all the same).
   */
  recordNotification(alarmId: string, notification: AlarmNotification): boolean;
  /**
   * The conditions that hold now for a subject that is not a bed (a remote patient): new ones are raised, gone ones
   * resolved, standing ones keep their acknowledgment (subject-alarm-board.ts). Journaled like every alarm.
   */
  reviewSubject(subject: AlarmSubject, holding: ReadonlyMap<AlarmConditionKey, string>): void;
  /** Stops the service's timers (gateway shutdown). */
  stop(): void;
}

/** A change to an alarm, as {@link WardAlarmService.onAlarmEvent} tells it. */
export interface AlarmEvent {
  readonly kind: AlarmEventKind;
  readonly alarm: Alarm;
  readonly atMs: number;
}

/** One status report of secondary notification. */
export type AlarmNotification = Omit<NonNullable<Alarm['notifications']>[number], 'atMs'>;

/** The gateway's own conditions, filed under {@link GATEWAY_ALARM_BED}. */
export type GatewayCondition = 'ALARM_LOG_FAILURE' | 'DISCLOSURE_FAILURE' | 'ALARM_FORWARDING_FAILURE';

/** What the service uses of the journal (the {@link AlarmJournal}; a test may slow or fail it). */
export type AlarmJournalPort = Pick<AlarmJournal, 'append' | 'findByKey' | 'standing'>;

/** What the service needs. */
export interface WardAlarmServiceOptions {
  readonly beds: readonly AlarmBed[];
  /** The policy now (the admin may change it at any time). */
  readonly policy: () => AlarmPolicy;
  /** The journal once its database is open; null for a gateway that keeps none. */
  readonly journal: Promise<AlarmJournalPort> | null;
  readonly logger: Logger;
  /** The gateway's clock (epoch ms, monotonic): every alarm time. */
  readonly now: () => number;
  readonly queue?: Partial<Omit<JournalQueueOptions, 'onChange' | 'logger'>>;
}

/**
 * How long a clinician's action waits for the journal before she is told to try again: under the station's own
 * wait for an answer (5 s, ward-requests.ts), so that the gateway answers rather than the station giving up.
 */
export const CLINICAL_COMMIT_DEADLINE_MS = 3000;

/** How often the log repeats one bed's suppressed call of one condition. */
const SUPPRESSED_LOG_INTERVAL_MS = 60_000;

/** Where the gateway's own alarms (ALARM LOG FAILURE, FULL DISCLOSURE FAILURE) are filed: not a bed. */
export const GATEWAY_ALARM_BED = 'gateway';

/** Journal entry for an alarm change. */
function eventOf(
  kind: AlarmEventInput['kind'],
  alarm: Alarm,
  atMs: number,
  extra: Partial<AlarmEventInput> = {},
): AlarmEventInput {
  return {
    atMs,
    kind,
    alarmId: alarm.alarmId,
    bedId: alarm.bedId,
    condition: alarm.condition,
    priority: alarm.priority,
    username: null,
    userDisplay: null,
    station: null,
    idempotencyKey: null,
    details: { alarm },
    ...extra,
  };
}

/** Journal entry for an engine change: a raised alarm keeps its onset numerics, a superseded one its successor. */
function eventOfChange(change: AlarmChange, atMs: number, numerics: unknown): AlarmEventInput {
  if (change.kind === 'raised')
    return eventOf('raised', change.alarm, atMs, {
      details: { alarm: change.alarm, numerics, ...(change.reasons === undefined ? {} : { analysis: change.reasons }) },
    });
  if (change.kind === 'superseded')
    return eventOf('superseded', change.alarm, atMs, {
      details: { alarm: change.alarm, supersededBy: change.supersededBy ?? null },
    });
  return eventOf(change.kind, change.alarm, atMs);
}

/** Starts the service. */
export function createWardAlarmService(options: WardAlarmServiceOptions): WardAlarmService {
  const { logger, now } = options;
  // Alarm ids stay unique across restarts: a random prefix per gateway run and a counter.
  const runPrefix = randomBytes(4).toString('hex');
  let counter = 0;
  const newAlarmId = (): string => `a-${runPrefix}-${(counter += 1)}`;
  const trackers = new Map(
    options.beds.map((bed) => [bed.bedId, new BedAlarmTracker(bed.bedId, bed.label, newAlarmId, bed.monitored ?? [])]),
  );
  const deviceAlarms = new DeviceAlarmBoard(newAlarmId);
  const subjectAlarms = new SubjectAlarmBoard(newAlarmId, (bedId) => bedId.startsWith(REMOTE_ALARM_BED_PREFIX));
  const standingBy = new Set<string>();
  const listeners = createListenerSet<AlarmSnapshot>();
  const alarmEvents = createListenerSet<AlarmEvent>();
  let version = 0;
  let audioPause: AudioPause | null = null;
  /** The gateway's own standing alarms, by condition. */
  const gatewayAlarms = new Map<GatewayCondition, Alarm>();
  let journal: AlarmJournalPort | null = null;
  let pauseTimer: ReturnType<typeof setTimeout> | null = null;

  const snapshot = (): AlarmSnapshot => {
    const alarms = [...trackers.values()].flatMap((tracker) => tracker.current());
    alarms.push(...deviceAlarms.current(), ...subjectAlarms.current(), ...gatewayAlarms.values());
    alarms.sort(compareAlarms);
    const pause = audioPause !== null && audioPause.untilMs > now() ? audioPause : null;
    return { version, generatedAtMs: now(), alarms, audioPause: pause, journal: queue.status(version) };
  };
  const changed = (): void => {
    version += 1;
    const current = snapshot();
    listeners.emit(current);
  };
  /** A gateway condition follows its reason: raised while there is one, its message kept current, resolved after. */
  const reviewGatewayCondition = (condition: GatewayCondition, reason: string | null): boolean => {
    const atMs = now();
    const standing = gatewayAlarms.get(condition);
    if (reason !== null && standing === undefined) {
      const { priority, category } = ALARM_CONDITIONS[condition];
      const alarm: Alarm = {
        alarmId: newAlarmId(),
        bedId: GATEWAY_ALARM_BED,
        bedLabel: 'Gateway',
        condition,
        priority,
        category,
        message: reason.slice(0, 80),
        onsetMs: atMs,
        conditionActive: true,
        latched: false,
        escalated: false,
        acknowledged: null,
      };
      gatewayAlarms.set(condition, alarm);
      queue.enqueue(eventOf('raised', alarm, atMs, { details: { alarm, reason } }), version + 1, true);
      alarmEvents.emit({ kind: 'raised', alarm, atMs });
    } else if (reason !== null && standing !== undefined && standing.message !== reason.slice(0, 80)) {
      gatewayAlarms.set(condition, { ...standing, message: reason.slice(0, 80) });
    } else if (reason === null && standing !== undefined) {
      const ended = { ...standing, conditionActive: false };
      gatewayAlarms.delete(condition);
      const extra = condition === 'ALARM_LOG_FAILURE' ? { droppedEvents: queue.status(version).dropped } : {};
      queue.enqueue(eventOf('resolved', ended, atMs, { details: { alarm: ended, ...extra } }), version + 1, true);
      alarmEvents.emit({ kind: 'resolved', alarm: ended, atMs });
    } else return false;
    return true;
  };
  /** ALARM LOG FAILURE follows the queue: raised while the record cannot be kept, resolved when it can again. */
  const reviewLogFailure = (): void => {
    reviewGatewayCondition('ALARM_LOG_FAILURE', queue.failure());
    changed();
  };
  const queue = new JournalQueue({
    ...DEFAULT_JOURNAL_QUEUE,
    ...options.queue,
    onChange: () => reviewLogFailure(),
    logger,
  });

  const record = (changes: readonly AlarmChange[], atMs: number, numerics: unknown = null): void => {
    for (const change of changes) {
      queue.enqueue(eventOfChange(change, atMs, numerics), version + 1);
      alarmEvents.emit({ kind: change.kind, alarm: change.alarm, atMs });
      logger.info(`alarm ${change.kind}`, {
        bedId: change.alarm.bedId,
        condition: change.alarm.condition,
        priority: change.alarm.priority,
        alarmId: change.alarm.alarmId,
      });
    }
  };
  // A lethal or extreme call the analysis suppressed (a perfusing pulse, another lead) is never silent: the
  // gateway's log says what was suppressed and why, once per episode (a minute apart at most).
  const suppressedLogged = new Map<string, number>();
  const noteSuppressed = (bedId: string, observation: BedObservation, nowMs: number): void => {
    for (const call of observation.rhythm?.suppressed ?? []) {
      const key = `${bedId}:${call.condition}`;
      const last = suppressedLogged.get(key);
      if (last !== undefined && nowMs - last < SUPPRESSED_LOG_INTERVAL_MS) continue;
      suppressedLogged.set(key, nowMs);
      logger.info('rhythm call suppressed', {
        bedId,
        condition: call.condition,
        why: call.why,
        decidedOn: call.reasons.decidedOn,
        leads: call.reasons.leads.map((lead) => `${lead.lead}:${lead.state}`).join(' '),
      });
    }
  };
  const trackerOf = (alarmId: string): BedAlarmTracker | undefined =>
    [...trackers.values()].find((tracker) => tracker.find(alarmId) !== undefined);
  const userFields = (actor: AlarmActor): Partial<AlarmEventInput> => ({
    username: actor.user.username,
    userDisplay: actor.user.displayName,
    station: actor.station,
  });
  const notOpen = (): GatewayReply<never> =>
    gatewayRefusal('UNAVAILABLE', 'the alarm journal is not open yet; try again in a moment');
  const behind = (): GatewayReply<never> =>
    gatewayRefusal('UNAVAILABLE', 'the alarm journal cannot take this now (ALARM LOG FAILURE); try again in a moment');

  const restore = async (): Promise<number> => {
    if (options.journal === null) {
      queue.disable();
      return 0;
    }
    let opened: AlarmJournalPort;
    let standing: Alarm[];
    try {
      opened = await options.journal;
      const read = await opened.standing();
      if (read.unreadable > 0)
        logger.error('standing alarms that no longer fit the alarm model were not restored', {
          count: read.unreadable,
        });
      standing = read.alarms;
    } catch (error) {
      queue.openFailed(describeError(error));
      return 0;
    }
    const atMs = now();
    let restored = 0;
    for (const alarm of standing) {
      if (alarm.device !== undefined && trackers.has(alarm.bedId) && deviceAlarms.adopt(alarm)) {
        restored += 1;
        continue;
      }
      if (subjectAlarms.adopt(alarm)) {
        restored += 1;
        continue;
      }
      const tracker = trackers.get(alarm.bedId);
      if (tracker === undefined) {
        // The last run's ALARM LOG FAILURE, or a bed no longer in this ward: nothing stands for it now.
        queue.enqueue(
          eventOf('resolved', { ...alarm, conditionActive: false }, atMs, {
            details: { alarm, reason: 'not part of this gateway run' },
          }),
          version + 1,
          true,
        );
        continue;
      }
      const superseded = tracker.adopt(alarm);
      record(superseded, atMs);
      if (superseded.length === 0) restored += 1;
    }
    if (restored > 0) logger.info('alarms restored', { alarms: restored });
    journal = opened;
    queue.attach(opened);
    changed();
    return restored;
  };
  const restoring = restore();

  return {
    recordEvent(event) {
      queue.enqueue(event, version + 1);
    },
    reportGatewayProblem(condition, reason) {
      if (reviewGatewayCondition(condition, reason)) changed();
    },
    reportDeviceAlarm(bed, report) {
      if (!trackers.has(bed.bedId)) return null;
      const atMs = now();
      const outcome = deviceAlarms.report(bed, report, atMs);
      // A device alarm has no onset numerics of the gateway's: the device's own words are the alarm's message.
      record(outcome.changes, atMs);
      if (outcome.changes.length > 0 || outcome.alarm !== null) changed();
      return outcome.alarm;
    },
    standBy(bedId, nowMs) {
      if (standingBy.has(bedId)) return;
      standingBy.add(bedId);
      // A device's own alarms are the device's to end (or its unassignment's): only the gateway's judgments stop.
      const changes = trackers.get(bedId)?.standBy() ?? [];
      record(changes, nowMs);
      if (changes.length > 0) {
        logger.info('bed stands by: its alarms end', { bedId, alarms: changes.length });
        changed();
      }
    },
    patientLeft(bedId) {
      const changes = [
        ...(trackers.get(bedId)?.patientLeft() ?? []),
        ...deviceAlarms.endForBed(bedId, new Set(), (alarm) => alarm.category === 'physiological'),
      ];
      record(changes, now());
      if (changes.length > 0) {
        logger.info('patient left the bed: its alarms end', { bedId, alarms: changes.length });
        changed();
      }
    },
    reviewSubject(subject, holding) {
      const atMs = now();
      const before = subjectAlarms.revision;
      record(subjectAlarms.review(subject, holding, atMs), atMs);
      // A standing alarm's newer words are a change too ("no BP reading for 27 h").
      if (subjectAlarms.revision !== before) changed();
    },
    devicesChanged(bedId, feeding) {
      const changes = deviceAlarms.endForBed(bedId, feeding);
      record(changes, now());
      if (changes.length > 0) changed();
    },
    observe(bedId, observation, nowMs) {
      const tracker = trackers.get(bedId);
      if (tracker === undefined) return;
      standingBy.delete(bedId);
      const before = tracker.revision;
      const changes = tracker.observe(observation, options.policy(), nowMs);
      record(changes, nowMs, observation.numerics);
      if (tracker.revision !== before) changed();
      noteSuppressed(bedId, observation, nowMs);
    },
    async acknowledge(alarmId, idempotencyKey, actor) {
      if (journal === null) return notOpen();
      const tracker = trackerOf(alarmId);
      const gatewayAlarm = [...gatewayAlarms.values()].find((candidate) => candidate.alarmId === alarmId);
      const alarm = tracker?.find(alarmId) ?? deviceAlarms.find(alarmId) ?? subjectAlarms.find(alarmId) ?? gatewayAlarm;
      const atMs = now();
      const acknowledgment = {
        username: actor.user.username,
        displayName: actor.user.displayName,
        station: actor.station,
        atMs,
      };
      // A replayed acknowledgment (the station was offline) is recognized by its key even if the alarm is gone.
      if (alarm === undefined) {
        if ((await journal.findByKey(idempotencyKey)) !== null) return gatewayOk({ alarm: null, duplicate: true });
        return gatewayRefusal('UNKNOWN_ALARM', `no active alarm "${alarmId}" on this ward (it may have ended)`);
      }
      const outcome = await queue.commit(
        eventOf('acknowledged', { ...alarm, acknowledged: alarm.acknowledged ?? acknowledgment }, atMs, {
          ...userFields(actor),
          idempotencyKey,
        }),
        version + 1,
        CLINICAL_COMMIT_DEADLINE_MS,
      );
      if (outcome === null) return behind();
      const duplicate = 'duplicateOf' in outcome;
      // A duplicate of an acknowledgment this alarm already shows changes nothing. One it does not show yet was
      // committed after its station had been told to try again (a write that outlived its deadline): the record
      // says acknowledged, so the alarm must say so too.
      if (duplicate && alarm.acknowledged !== null) return gatewayOk({ alarm, duplicate: true });
      // Durable now: only then does the alarm change and the station hear it succeeded.
      let acknowledged =
        tracker?.acknowledge(alarmId, acknowledgment) ??
        deviceAlarms.acknowledge(alarmId, acknowledgment) ??
        subjectAlarms.acknowledge(alarmId, acknowledgment);
      if (tracker === undefined && gatewayAlarm !== undefined) {
        const current = gatewayAlarms.get(gatewayAlarm.condition as GatewayCondition) ?? gatewayAlarm;
        acknowledged = { ...current, acknowledged: current.acknowledged ?? acknowledgment };
        gatewayAlarms.set(gatewayAlarm.condition as GatewayCondition, acknowledged);
      }
      logger.info('alarm acknowledged', { alarmId, by: actor.user.username, station: actor.station });
      if (acknowledged !== null) alarmEvents.emit({ kind: 'acknowledged', alarm: acknowledged, atMs });
      changed();
      return gatewayOk({ alarm: acknowledged, duplicate });
    },
    async reset(alarmId, idempotencyKey, actor) {
      if (journal === null) return notOpen();
      const tracker = trackerOf(alarmId);
      const alarm = tracker?.find(alarmId);
      if (tracker === undefined || alarm === undefined)
        return gatewayRefusal('UNKNOWN_ALARM', `no alarm "${alarmId}" to reset`);
      if (alarm.conditionActive)
        return gatewayRefusal(
          'REFUSED',
          `${alarm.bedLabel}: ${alarm.message} still holds; a latched alarm is reset once its condition has ended`,
        );
      const outcome = await queue.commit(
        eventOf('reset', alarm, now(), { ...userFields(actor), idempotencyKey }),
        version + 1,
        CLINICAL_COMMIT_DEADLINE_MS,
      );
      if (outcome === null) return behind();
      if ('duplicateOf' in outcome) return gatewayOk({ duplicate: true });
      tracker.reset(alarmId);
      alarmEvents.emit({ kind: 'reset', alarm, atMs: now() });
      changed();
      return gatewayOk({ duplicate: false });
    },
    async pauseAudio(actor, seconds) {
      if (journal === null) return notOpen();
      const startedMs = now();
      const sounding = snapshot().alarms.filter((alarm) => alarm.acknowledged === null);
      const highest =
        sounding.length === 0
          ? null
          : sounding.reduce((a, b) => (priorityRank(a.priority) <= priorityRank(b.priority) ? a : b)).priority;
      const pause: AudioPause = {
        startedMs,
        untilMs: startedMs + seconds * 1000,
        byUser: actor.user.username,
        station: actor.station,
        highestAtPause: highest,
      };
      const event: AlarmEventInput = {
        atMs: startedMs,
        kind: 'audio-paused',
        alarmId: null,
        bedId: null,
        condition: null,
        priority: highest,
        username: actor.user.username,
        userDisplay: actor.user.displayName,
        station: actor.station,
        idempotencyKey: null,
        details: { seconds, untilMs: pause.untilMs },
      };
      const outcome = await queue.commit(event, version + 1, CLINICAL_COMMIT_DEADLINE_MS);
      if (outcome === null) return behind();
      audioPause = pause;
      changed();
      // The countdown ends on every station by itself; a snapshot when it ends keeps late joiners right.
      if (pauseTimer !== null) clearTimeout(pauseTimer);
      pauseTimer = setTimeout(changed, Math.max(0, pause.untilMs - now()) + 10);
      pauseTimer.unref?.();
      return gatewayOk(pause);
    },
    snapshot,
    onChange: listeners.add,
    onAlarmEvent: alarmEvents.add,
    recordNotification(alarmId, notification) {
      const atMs = now();
      const entry = { ...notification, atMs };
      const annotate = (alarm: Alarm): Alarm => ({
        ...alarm,
        notifications: [...(alarm.notifications ?? []), entry].slice(-8),
      });
      const tracker = trackerOf(alarmId);
      let alarm =
        tracker?.update(alarmId, annotate) ??
        deviceAlarms.update(alarmId, annotate) ??
        subjectAlarms.update(alarmId, annotate);
      if (alarm === null) {
        const standing = [...gatewayAlarms.values()].find((candidate) => candidate.alarmId === alarmId);
        if (standing !== undefined) {
          alarm = annotate(standing);
          gatewayAlarms.set(standing.condition as GatewayCondition, alarm);
        }
      }
      const note = `${notification.status}${notification.recipient === '' ? '' : ` · ${notification.recipient}`}`;
      queue.enqueue(
        {
          atMs,
          kind: 'notified',
          alarmId,
          bedId: alarm?.bedId ?? null,
          condition: alarm?.condition ?? null,
          priority: alarm?.priority ?? null,
          username: null,
          userDisplay: null,
          station: null,
          idempotencyKey: null,
          details: { status: notification.status, recipient: notification.recipient, note },
        },
        version + 1,
      );
      if (alarm !== null) changed();
      return alarm !== null;
    },
    ready: () => restoring,
    drained: () => queue.drained(),
    stop: () => {
      queue.stop();
      if (pauseTimer !== null) clearTimeout(pauseTimer);
    },
  };
}
