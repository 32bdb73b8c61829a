/**
 * The model-based alarm test (issue 11, rule 9): fast-check drives the real ward alarm service — tracker, rules,
 * journal queue and the journal on PGlite — and the station's real sound decision (gateway-time estimate, the
 * page's clock anchor, stationSound) with long random sequences of patient states, clinician actions, comms
 * losses and ±5 min steps of either computer's wall clock, and checks after every step that
 *   - the engine agrees with the reference model (alarm-reference-model.ts) on every alarm's state, and the
 *     station sounds what the model says;
 *   - a HIGH condition that has held past its delay is sounding, or acknowledged in this episode, or inside an
 *     audio pause it did not break through (or the station is cut off and COMMS LOST sounds or was paused).
 * A failing sequence is reported shrunk. The clocks are fakes of time itself (the gateway's and the station's
 * wall and monotonic clocks), so that a sequence of hours runs in milliseconds and a clock can be stepped.
 */
import fc from 'fast-check';
import type { Alarm, AlarmSnapshot } from '../../common/alarms/alarm-model';
import type { NumericValue } from '../../common/wire/ward-messages';
import { DEFAULT_WARD_SETTINGS, type AlarmPolicy } from '../../common/wire/ward-settings';
import { GatewayTimeEstimate } from '../../common/wire/gateway-time';
import type { AlarmJournal } from '../../gateway/alarms/alarm-journal';
import type { BedObservation } from '../../gateway/alarms/alarm-rules';
import { createWardAlarmService, GATEWAY_ALARM_BED } from '../../gateway/alarms/ward-alarm-service';
import type { Database } from '../../gateway/storage/gateway-database';
import { createGatewayClock } from '../../gateway/streaming/gateway-clock';
import { createGatewayClockAnchor } from '../../renderer/alarms/gateway-clock-anchor';
import { commsLostAlarm } from '../../renderer/alarms/comms-lost';
import { stationSound } from '../../renderer/alarms/sounding-alarm';
import { createRecordingLogger } from '../support/recording-logger';
import { AlarmReferenceModel, type HeartRateBand, type PatientState, type Spo2Band } from './alarm-reference-model';
import { rhythmShowing } from '../support/rhythm-assessments';
import { DEMO_NURSE } from '../support/alarm-service-inputs';

const BEDS = ['bed-01', 'bed-02'];
const NURSE = DEMO_NURSE;
const FIVE_MINUTES = 5 * 60_000;

/** One step of a sequence. */
export type ModelAction =
  | { readonly kind: 'patient'; readonly bed: number; readonly state: PatientState }
  | { readonly kind: 'wait'; readonly quarterSeconds: number }
  | { readonly kind: 'acknowledge'; readonly pick: number }
  | { readonly kind: 'reset'; readonly pick: number }
  | { readonly kind: 'pause-audio' }
  | { readonly kind: 'gateway-clock-step'; readonly ms: number }
  | { readonly kind: 'station-clock-step'; readonly ms: number }
  | { readonly kind: 'comms'; readonly up: boolean }
  | { readonly kind: 'pause-comms-lost' };

const HR_BANDS: readonly HeartRateBand[] = [
  'normal',
  'high',
  'extremeHigh',
  'low',
  'extremeLow',
  'zero',
  'nan',
  'noSignal',
  'learning',
];
const SPO2_BANDS: readonly Spo2Band[] = ['normal', 'low', 'desat', 'nan', 'probeOff'];

/** The generator of one action. */
export const actionArbitrary: fc.Arbitrary<ModelAction> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('patient' as const),
      bed: fc.integer({ min: 0, max: BEDS.length - 1 }),
      state: fc.record({
        hr: fc.constantFrom(...HR_BANDS),
        spo2: fc.constantFrom(...SPO2_BANDS),
        rhythm: fc.constantFrom('sinus' as const, 'sinus' as const, 'vf' as const, 'vt' as const),
      }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), quarterSeconds: fc.integer({ min: 1, max: 120 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('acknowledge' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause-audio' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('gateway-clock-step' as const),
      ms: fc.constantFrom(FIVE_MINUTES, -FIVE_MINUTES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('station-clock-step' as const),
      ms: fc.constantFrom(FIVE_MINUTES, -FIVE_MINUTES),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('comms' as const), up: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause-comms-lost' as const) }) },
);

/** The ward's policy for one sequence: latching, escalation, delays and pause length vary. */
export const policyArbitrary: fc.Arbitrary<AlarmPolicy> = fc
  .record({
    high: fc.boolean(),
    medium: fc.boolean(),
    escalation: fc.constantFrom(0, 10, 60),
    quick: fc.boolean(),
    pause: fc.constantFrom(30, 120),
  })
  .map(({ high, medium, escalation, quick, pause }) => ({
    ...DEFAULT_WARD_SETTINGS.alarmPolicy,
    latching: { HIGH: high, MEDIUM: medium, LOW: false },
    escalationSeconds: escalation,
    audioPauseSeconds: pause,
    delaysSeconds: quick
      ? { ...DEFAULT_WARD_SETTINGS.alarmPolicy.delaysSeconds, HR: 0, SPO2: 0, technical: 0 }
      : DEFAULT_WARD_SETTINGS.alarmPolicy.delaysSeconds,
  }));

function numeric(value: number | null, note: string | null = null): NumericValue {
  return { value, unit: '', origin: 'device', measuredAtMs: 0, note };
}

/** What a bedside monitor sends for a patient state. */
function observationOf(state: PatientState): BedObservation {
  const hrValue: Record<HeartRateBand, NumericValue> = {
    normal: numeric(72),
    high: numeric(130),
    extremeHigh: numeric(150),
    low: numeric(45),
    extremeLow: numeric(35),
    zero: numeric(0),
    nan: numeric(Number.NaN),
    noSignal: numeric(null, 'NO SIGNAL'),
    learning: numeric(null, 'LEARNING'),
  };
  const spo2Value: Record<Spo2Band, NumericValue> = {
    normal: numeric(97),
    low: numeric(88),
    desat: numeric(80),
    nan: numeric(Number.NaN),
    probeOff: numeric(null, 'PROBE OFF'),
  };
  const hr = state.rhythm === 'vf' ? numeric(null, 'VF') : state.rhythm === 'vt' ? numeric(180) : hrValue[state.hr];
  // What the ECG analysis would report for this state (the analysis itself is tested on waves).
  const calls =
    state.rhythm === 'vf'
      ? ['VF' as const]
      : state.rhythm === 'vt'
        ? ['VT' as const]
        : state.hr === 'zero'
          ? ['ASYSTOLE' as const]
          : state.hr === 'extremeHigh'
            ? ['EXTREME_TACHY' as const]
            : state.hr === 'extremeLow'
              ? ['EXTREME_BRADY' as const]
              : [];
  return { numerics: { HR: hr, SPO2: spo2Value[state.spo2], RR: numeric(14) }, rhythm: rhythmShowing(...calls) };
}

/** One run's figures. */
export interface ModelRunStatistics {
  sequences: number;
  steps: number;
  checks: number;
  acknowledgments: number;
  highAlarms: number;
}

/** Compares the engine with the model; the first difference, or null. */
function disagreement(snapshot: AlarmSnapshot, model: AlarmReferenceModel): string | null {
  const engine = new Map(snapshot.alarms.map((alarm) => [`${alarm.bedId}|${alarm.condition}`, alarm]));
  for (const [key, expected] of model.alarms) {
    const actual = engine.get(key);
    if (actual === undefined) return `the model has ${key} (${expected.priority}), the engine has none`;
    const shape = (
      alarm: { priority: string; escalated: boolean; latched: boolean },
      active: boolean,
      acknowledged: boolean,
    ) =>
      `${alarm.priority} escalated=${alarm.escalated} latched=${alarm.latched} active=${active} acknowledged=${acknowledged}`;
    const want = shape(expected, expected.active, expected.acknowledged);
    const got = shape(actual, actual.conditionActive, actual.acknowledged !== null);
    if (want !== got) return `${key}: model ${want}, engine ${got}`;
  }
  for (const key of engine.keys()) if (!model.alarms.has(key)) return `the engine has ${key}, the model has none`;
  return null;
}

/** Runs one sequence; throws (with the step) on the first broken check. */
export async function runSequence(
  journal: AlarmJournal,
  database: Database,
  policy: AlarmPolicy,
  actions: readonly ModelAction[],
  statistics: ModelRunStatistics,
): Promise<void> {
  // Time itself: the gateway's and the station's monotonic clocks advance together; their wall clocks are apart
  // and either can be stepped.
  let elapsedMs = 0;
  let gatewayWallStep = 0;
  let stationWallStep = 0;
  const gatewayMonotonic = (): number => 10_000 + elapsedMs;
  const stationMonotonic = (): number => 500_000 + elapsedMs;
  const gatewayClock = createGatewayClock(() => 1_800_000_000_000 + elapsedMs + gatewayWallStep, gatewayMonotonic);
  const stationWall = (): number => 1_800_000_000_000 + 3_000 + elapsedMs + stationWallStep;

  await database.query('DELETE FROM standing_alarms');
  const service = createWardAlarmService({
    beds: BEDS.map((bedId, index) => ({ bedId, label: `Bed ${index + 1}`, monitored: ['HR', 'SPO2', 'RR'] })),
    policy: () => policy,
    journal: Promise.resolve(journal),
    logger: createRecordingLogger(),
    now: gatewayClock,
  });
  await service.ready();
  const model = new AlarmReferenceModel(BEDS, policy);
  const estimate = new GatewayTimeEstimate(stationMonotonic);
  const anchor = createGatewayClockAnchor(stationMonotonic, stationWall);
  let received: AlarmSnapshot = service.snapshot();
  let commsUp = true;
  let commsLostSinceMs = 0;
  let commsPausedUntilMonotonic = -Infinity;
  service.onChange((snapshot) => {
    if (commsUp) received = snapshot;
  });
  /** A heartbeat: the station learns gateway time over a link with a few ms of latency, then tells its page. */
  const heartbeat = (): void => {
    if (!commsUp) return;
    const sent = stationMonotonic() - 3;
    estimate.sample(gatewayClock() - 1, sent, stationMonotonic());
    anchor.note(estimate.now());
  };
  heartbeat();

  const advance = (quarterSeconds: number): void => {
    for (let quarter = 0; quarter < quarterSeconds; quarter += 1) {
      elapsedMs += 250;
      if (elapsedMs % 1000 !== 0) continue;
      const now = gatewayClock();
      for (const bed of BEDS) service.observe(bed, observationOf(model.patients.get(bed) as PatientState), now);
      model.tick(now);
      heartbeat();
    }
  };
  const pick = (index: number): Alarm | undefined => {
    const alarms = service.snapshot().alarms.filter((alarm) => alarm.bedId !== GATEWAY_ALARM_BED);
    return alarms.length === 0 ? undefined : alarms[index % alarms.length];
  };

  const check = (step: number, action: ModelAction): void => {
    statistics.checks += 1;
    const now = gatewayClock();
    const problem = disagreement(service.snapshot(), model);
    if (problem !== null) throw new Error(`step ${step} (${JSON.stringify(action)}): ${problem}`);
    const commsLost = commsUp
      ? null
      : commsLostAlarm({
          reached: false,
          everConnected: true,
          uptimeMs: elapsedMs + 60_000,
          lostSinceMs: commsLostSinceMs,
          detail: 'connection lost',
        });
    const commsPaused = stationMonotonic() < commsPausedUntilMonotonic;
    const playing = stationSound({
      commsLost,
      commsLostPaused: commsPaused,
      alarms: received.alarms,
      audioPause: received.audioPause,
      nowMs: anchor.now(),
    });
    if (commsUp) {
      // Equally urgent alarms raised in the same second sound the same: compare priority and onset, not which.
      const expected = model.sounding(now);
      const want = expected === null ? 'silence' : `${expected.priority} raised at ${expected.onsetMs}`;
      const got = playing === null ? 'silence' : `${playing.priority} raised at ${playing.onsetMs}`;
      if (want !== got)
        throw new Error(`step ${step} (${JSON.stringify(action)}): the station plays ${got}, the model says ${want}`);
    }
    for (const due of model.highConditionsPastDelay(now)) {
      statistics.highAlarms += 1;
      const soundingHigh = playing?.priority === 'HIGH';
      const answered = due.acknowledged;
      const paused = !model.breaksThrough(due, now);
      const cutOff = !commsUp && (playing?.condition === 'COMMS_LOST' || commsPaused);
      if (!soundingHigh && !answered && !paused && !cutOff)
        throw new Error(
          `step ${step} (${JSON.stringify(action)}): ${due.bed} ${due.condition} has held past its delay and is neither sounding, acknowledged nor paused`,
        );
    }
  };

  try {
    for (const [step, action] of actions.entries()) {
      statistics.steps += 1;
      switch (action.kind) {
        case 'patient':
          model.patients.set(BEDS[action.bed] as string, action.state);
          break;
        case 'wait':
          advance(action.quarterSeconds);
          break;
        case 'acknowledge': {
          const alarm = pick(action.pick);
          if (alarm === undefined) break;
          const reply = await service.acknowledge(alarm.alarmId, `ack-${Math.random().toString(36).slice(2)}-${step}`, {
            user: NURSE,
            station: 'Desk 1',
          });
          if (!reply.ok)
            throw new Error(`step ${step}: acknowledging ${alarm.condition} was refused: ${reply.error.message}`);
          model.acknowledge(alarm.bedId, alarm.condition);
          statistics.acknowledgments += 1;
          break;
        }
        case 'reset': {
          const alarm = pick(action.pick);
          if (alarm === undefined) break;
          await service.reset(alarm.alarmId, `reset-${Math.random().toString(36).slice(2)}-${step}`, {
            user: NURSE,
            station: 'Desk 1',
          });
          model.reset(alarm.bedId, alarm.condition);
          break;
        }
        case 'pause-audio': {
          const reply = await service.pauseAudio({ user: NURSE, station: 'Desk 1' }, policy.audioPauseSeconds);
          if (!reply.ok) throw new Error(`step ${step}: AUDIO PAUSED was refused: ${reply.error.message}`);
          model.pauseAudio(gatewayClock());
          break;
        }
        case 'gateway-clock-step':
          gatewayWallStep += action.ms;
          break;
        case 'station-clock-step':
          stationWallStep += action.ms;
          break;
        case 'comms':
          if (commsUp && !action.up) {
            commsLostSinceMs = anchor.now();
            commsPausedUntilMonotonic = -Infinity;
          }
          if (!commsUp && action.up) {
            commsUp = true;
            received = service.snapshot();
            heartbeat();
          }
          commsUp = action.up;
          break;
        case 'pause-comms-lost':
          if (!commsUp) commsPausedUntilMonotonic = stationMonotonic() + policy.audioPauseSeconds * 1000;
          break;
      }
      check(step, action);
    }
  } finally {
    await service.drained();
    service.stop();
  }
}

/** Checks `runs` sequences; resolves with the figures, rejects with fast-check's shrunk counterexample. */
export async function checkAlarmModel(
  journal: AlarmJournal,
  database: Database,
  runs: number,
  seed?: number,
): Promise<ModelRunStatistics> {
  const statistics: ModelRunStatistics = { sequences: 0, steps: 0, checks: 0, acknowledgments: 0, highAlarms: 0 };
  await fc.assert(
    fc.asyncProperty(
      policyArbitrary,
      fc.array(actionArbitrary, { minLength: 10, maxLength: 100, size: 'max' }),
      async (policy, actions) => {
        statistics.sequences += 1;
        await runSequence(journal, database, policy, actions, statistics);
      },
    ),
    { numRuns: runs, ...(seed === undefined ? {} : { seed }), endOnFailure: false },
  );
  return statistics;
}
