/**
 * The ward's alarms: a tracker per bed fed once a second with that bed's numerics and rhythm; acknowledgments,
 * resets and AUDIO PAUSED from clinicians; a snapshot for every station on connect and after every change; and
 * the journal, which every event reaches — user actions before the station is told they succeeded, engine
 * events as soon as they happen (in order, without holding back the broadcast). After a gateway restart the
 * alarms still standing are rebuilt from the journal, acknowledgments included.
 */
import { randomBytes } from 'node:crypto';
import { compareAlarms, priorityRank, type Alarm, type AlarmSnapshot, type AudioPause } from '../../common/alarms/alarm-model';
import type { UserPrincipal } from '../../common/identity/principal';
import { describeError, type Logger } from '../../common/logging/logger';
import type { AlarmPolicy } from '../../common/wire/ward-settings';
import { gatewayOk, gatewayRefusal, type GatewayReply } from '../../common/wire/gateway-reply';
import type { BedObservation } from './alarm-rules';
import type { AlarmJournal, AlarmEventInput } from './alarm-journal';
import { BedAlarmTracker, type AlarmChange } from './bed-alarm-tracker';

/** A bed the service watches. */
export interface AlarmBed {
  readonly bedId: string;
  readonly label: string;
}

/** Who acts, from where. */
export interface AlarmActor {
  readonly user: UserPrincipal;
  readonly station: string;
}

/** The service. */
export interface WardAlarmService {
  /** Evaluates one bed's observation (called once a second per bed). */
  observe(bedId: string, observation: BedObservation, nowMs: number): void;
  acknowledge(alarmId: string, idempotencyKey: string, actor: AlarmActor): Promise<GatewayReply<{ alarm: Alarm | null; duplicate: boolean }>>;
  reset(alarmId: string, idempotencyKey: string, actor: AlarmActor): Promise<GatewayReply<{ duplicate: boolean }>>;
  pauseAudio(actor: AlarmActor, seconds: number): Promise<GatewayReply<AudioPause>>;
  snapshot(): AlarmSnapshot;
  /** Called with every new snapshot. */
  onChange(listener: (snapshot: AlarmSnapshot) => void): void;
  /** Rebuilds the standing alarms from the journal (at start-up). */
  restore(): Promise<number>;
}

/** What the service needs. */
export interface WardAlarmServiceOptions {
  readonly beds: readonly AlarmBed[];
  /** The policy now (the admin may change it at any time). */
  readonly policy: () => AlarmPolicy;
  /** The journal, once the database is open; null while it opens (or for a gateway without one). */
  readonly journal: () => AlarmJournal | null;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** Journal entry for an alarm change. */
function eventOf(kind: AlarmEventInput['kind'], alarm: Alarm, atMs: number, extra: Partial<AlarmEventInput> = {}): AlarmEventInput {
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

/** Starts the service. */
export function createWardAlarmService(options: WardAlarmServiceOptions): WardAlarmService {
  const now = options.now ?? Date.now;
  const { logger } = options;
  // Alarm ids stay unique across restarts: a random prefix per gateway run and a counter.
  const runPrefix = randomBytes(4).toString('hex');
  let counter = 0;
  const newAlarmId = (): string => `a-${runPrefix}-${(counter += 1)}`;
  const trackers = new Map(options.beds.map((bed) => [bed.bedId, new BedAlarmTracker(bed.bedId, bed.label, newAlarmId)]));
  const listeners: ((snapshot: AlarmSnapshot) => void)[] = [];
  let version = 0;
  let audioPause: AudioPause | null = null;
  // Engine events wait here until the journal is open; then they are written in order.
  const pendingEvents: AlarmEventInput[] = [];

  const snapshot = (): AlarmSnapshot => {
    const alarms = [...trackers.values()].flatMap((tracker) => tracker.current()).sort(compareAlarms);
    const pause = audioPause !== null && audioPause.untilMs > now() ? audioPause : null;
    return { version, generatedAtMs: now(), alarms, audioPause: pause };
  };
  const changed = (): void => {
    version += 1;
    const current = snapshot();
    for (const listener of listeners) listener(current);
  };
  /** Writes the pending events in order; resolves when they are committed (at once when the journal is not open yet). */
  const flushJournal = (): Promise<void> => {
    const journal = options.journal();
    if (journal === null) return Promise.resolve();
    const writes = pendingEvents.splice(0).map((event) =>
      journal.append(event).then(
        () => undefined,
        (error: unknown) => logger.error('an alarm event could not be journaled', { kind: event.kind, alarmId: event.alarmId, reason: describeError(error) }),
      ),
    );
    return Promise.all(writes).then(() => undefined);
  };
  const record = (changes: readonly AlarmChange[], atMs: number, numerics: unknown = null): Promise<void> => {
    for (const change of changes) {
      // A raised alarm keeps the numerics of its onset second: the history review shows them beside the strip.
      pendingEvents.push(eventOf(change.kind, change.alarm, atMs, change.kind === 'raised' ? { details: { alarm: change.alarm, numerics } } : {}));
      logger.info(`alarm ${change.kind}`, { bedId: change.alarm.bedId, condition: change.alarm.condition, priority: change.alarm.priority, alarmId: change.alarm.alarmId });
    }
    return flushJournal();
  };
  const trackerOf = (alarmId: string): BedAlarmTracker | undefined => [...trackers.values()].find((tracker) => tracker.find(alarmId) !== undefined);
  const userFields = (actor: AlarmActor): Partial<AlarmEventInput> => ({ username: actor.user.username, userDisplay: actor.user.displayName, station: actor.station });

  return {
    observe(bedId, observation, nowMs) {
      const tracker = trackers.get(bedId);
      if (tracker === undefined) return;
      const before = tracker.revision;
      const changes = tracker.observe(observation, options.policy(), nowMs);
      // Stations hear of an alarm event once it is in the journal (DESIGN.md §3): a gateway that dies right after
      // cannot have shown an alarm it will not remember. Until the journal is open, they hear at once.
      if (changes.length > 0) void record(changes, nowMs, observation.numerics).then(changed);
      else if (tracker.revision !== before) changed();
    },
    async acknowledge(alarmId, idempotencyKey, actor) {
      const journal = options.journal();
      if (journal === null) return gatewayRefusal('UNAVAILABLE', 'the alarm journal is not open yet; try again in a moment');
      const tracker = trackerOf(alarmId);
      const alarm = tracker?.find(alarmId);
      // A replayed acknowledgment (the station was offline) is recognized by its key even if the alarm is gone.
      const atMs = now();
      const acknowledgment = { username: actor.user.username, displayName: actor.user.displayName, station: actor.station, atMs };
      if (alarm === undefined) {
        if ((await journal.findByKey(idempotencyKey)) !== null) return gatewayOk({ alarm: null, duplicate: true });
        return gatewayRefusal('UNKNOWN_ALARM', `no active alarm "${alarmId}" on this ward (it may have ended)`);
      }
      const outcome = await journal.append(eventOf('acknowledged', { ...alarm, acknowledged: alarm.acknowledged ?? acknowledgment }, atMs, { ...userFields(actor), idempotencyKey }));
      if ('duplicateOf' in outcome) return gatewayOk({ alarm, duplicate: true });
      // Durable now: only then does the alarm change and the station hear it succeeded.
      const acknowledged = tracker?.acknowledge(alarmId, acknowledgment) ?? null;
      logger.info('alarm acknowledged', { alarmId, by: actor.user.username, station: actor.station });
      changed();
      return gatewayOk({ alarm: acknowledged, duplicate: false });
    },
    async reset(alarmId, idempotencyKey, actor) {
      const journal = options.journal();
      if (journal === null) return gatewayRefusal('UNAVAILABLE', 'the alarm journal is not open yet; try again in a moment');
      const tracker = trackerOf(alarmId);
      const alarm = tracker?.find(alarmId);
      if (tracker === undefined || alarm === undefined) return gatewayRefusal('UNKNOWN_ALARM', `no alarm "${alarmId}" to reset`);
      if (alarm.conditionActive) return gatewayRefusal('REFUSED', `${alarm.bedLabel}: ${alarm.message} still holds; a latched alarm is reset once its condition has ended`);
      const outcome = await journal.append(eventOf('reset', alarm, now(), { ...userFields(actor), idempotencyKey }));
      if ('duplicateOf' in outcome) return gatewayOk({ duplicate: true });
      tracker.reset(alarmId);
      changed();
      return gatewayOk({ duplicate: false });
    },
    async pauseAudio(actor, seconds) {
      const journal = options.journal();
      if (journal === null) return gatewayRefusal('UNAVAILABLE', 'the alarm journal is not open yet; try again in a moment');
      const startedMs = now();
      const sounding = snapshot().alarms.filter((alarm) => alarm.acknowledged === null);
      const highest = sounding.length === 0 ? null : sounding.reduce((a, b) => (priorityRank(a.priority) <= priorityRank(b.priority) ? a : b)).priority;
      const pause: AudioPause = { startedMs, untilMs: startedMs + seconds * 1000, byUser: actor.user.username, station: actor.station, highestAtPause: highest };
      await journal.append({
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
      });
      audioPause = pause;
      changed();
      // The countdown ends on every station by itself; a snapshot when it ends keeps late joiners right.
      setTimeout(changed, seconds * 1000 + 10).unref();
      return gatewayOk(pause);
    },
    snapshot,
    onChange: (listener) => void listeners.push(listener),
    async restore() {
      const journal = options.journal();
      if (journal === null) return 0;
      const standing = new Map<string, Alarm>();
      for (const event of await journal.events()) {
        const alarm = (event.details as { alarm?: Alarm }).alarm;
        if (event.alarmId === null || alarm === undefined) continue;
        if (event.kind === 'resolved' || event.kind === 'reset') standing.delete(event.alarmId);
        else if (standing.has(event.alarmId) || event.kind === 'raised') standing.set(event.alarmId, alarm);
      }
      for (const alarm of standing.values()) trackers.get(alarm.bedId)?.adopt(alarm);
      if (standing.size > 0) {
        logger.info('alarms restored from the journal', { alarms: standing.size });
        changed();
      }
      await flushJournal();
      return standing.size;
    },
  };
}
