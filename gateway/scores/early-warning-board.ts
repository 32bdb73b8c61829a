/**
 * Every bed's NEWS2 (issue 16), from what its devices measure and what a nurse charts. A continuous measurement
 * (respiration rate, SpO2, pulse, arterial systolic) enters as the median of its last five minutes, not the value
 * of this second: an early warning score is about a patient's trend, and one second of motion artifact must not
 * turn it into an advisory. An intermittent one (NIBP, a device's temperature) enters as its latest reading while it
 * is recent. Supplemental oxygen and consciousness come only from the nurse's charting, and count for 12 hours.
 * What is not measured is missing, never normal (common/scores/news2.ts). All times are the gateway's clock.
 */
import { news2, type Consciousness, type News2Inputs } from '../../common/scores/news2';
import { CHARTED_VALID_MS, type EarlyWarning } from '../../common/wire/early-warning';
import type { NumericValues } from '../../common/wire/ward-messages';
import { validValue } from '../alarms/alarm-rules';

/** The span of the medians. */
export const MEDIAN_WINDOW_MS = 5 * 60_000;
/**
 * A median needs a tenth of its window in valid values (half a minute of five), else the parameter is missing:
 * a few seconds of a measurement are not a trend.
 */
export const MIN_SECONDS_IN_WINDOW = 30;
/** How long a NIBP reading counts (the longest cycle a ward sets is an hour). */
export const NIBP_VALID_MS = 3_600_000;

/** What a nurse charted, field by field, each with when; a field she left empty keeps its earlier value. */
export interface ChartedValues {
  readonly onOxygen: { readonly value: boolean; readonly atMs: number } | null;
  readonly consciousness: { readonly value: Consciousness; readonly atMs: number } | null;
  readonly temperature: { readonly value: number; readonly atMs: number } | null;
  readonly spo2Scale: 1 | 2;
  /** Her last charting: when, and her name as she signed in. */
  readonly atMs: number;
  readonly by: string;
}

/** One charting, as the request carries it (null: not observed this time). */
export interface Charting {
  readonly onOxygen: boolean | null;
  readonly consciousness: Consciousness | null;
  readonly temperature: number | null;
  readonly spo2Scale: 1 | 2;
}

/** The continuous measurements, each a window of the last five minutes' seconds. */
const CONTINUOUS = ['RR', 'SPO2', 'PULSE', 'ABP_SYS'] as const;
type Continuous = (typeof CONTINUOUS)[number];

/** One measurement's valid values of the last window (five minutes), oldest first. */
class MedianWindow {
  private readonly times: number[] = [];
  private readonly values: number[] = [];

  constructor(
    private readonly windowMs: number,
    private readonly minimumCount: number,
  ) {}

  push(atMs: number, value: number): void {
    // A clock step back (the gateway's clock never steps, but a restored window might) starts the window afresh.
    if (this.times.length > 0 && atMs < (this.times.at(-1) ?? atMs)) this.clear();
    this.times.push(atMs);
    this.values.push(value);
    // Trimmed as it fills, not only when read: a window nobody reads (the arterial systolic while a NIBP reading
    // counts) grew by a value a second for as long as the gateway ran — the soak's slow rise of the live heap.
    this.drop(atMs);
  }

  /** The values held now (bounded by the window: one a second). */
  size(): number {
    return this.values.length;
  }

  median(nowMs: number): number | null {
    this.drop(nowMs);
    if (this.values.length < this.minimumCount) return null;
    const sorted = [...this.values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  }

  clear(): void {
    this.times.length = 0;
    this.values.length = 0;
  }

  /** Forgets the values older than the window at `nowMs`. */
  private drop(nowMs: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] ?? 0) <= nowMs - this.windowMs) drop += 1;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.values.splice(0, drop);
    }
  }
}

/** One bed's state. */
interface BedState {
  readonly windows: Record<Continuous, MedianWindow>;
  nibp: { value: number; atMs: number } | null;
  deviceTemperature: { value: number; atMs: number } | null;
  charted: ChartedValues | null;
  /** The last second observed: a second seen twice (two numerics in one second) is counted once. */
  lastSecond: number;
}

/** The board. */
export class EarlyWarningBoard {
  private readonly beds = new Map<string, BedState>();
  private readonly minimumCount: number;

  constructor(private readonly windowMs = MEDIAN_WINDOW_MS) {
    this.minimumCount = Math.max(1, Math.round((MIN_SECONDS_IN_WINDOW * windowMs) / MEDIAN_WINDOW_MS));
  }

  private stateOf(bedId: string): BedState {
    let state = this.beds.get(bedId);
    if (state === undefined) {
      const windows = Object.fromEntries(
        CONTINUOUS.map((key) => [key, new MedianWindow(this.windowMs, this.minimumCount)]),
      ) as BedState['windows'];
      state = { windows, nibp: null, deviceTemperature: null, charted: null, lastSecond: -1 };
      this.beds.set(bedId, state);
    }
    return state;
  }

  /** Takes one second's numerics of a bed. */
  observe(bedId: string, nowMs: number, values: NumericValues): void {
    const state = this.stateOf(bedId);
    const second = Math.floor(nowMs / 1000);
    if (second === state.lastSecond) return;
    state.lastSecond = second;
    const rr = validValue(values.RR);
    const spo2 = validValue(values.SPO2);
    // The ECG's rate where there is one, else the oximeter's pulse: the chart's "pulse" is either.
    const pulse = validValue(values.HR) ?? validValue(values.PULSE);
    const arterial = validValue(values.ABP_SYS);
    // Zero is apnea or asystole: the bedside alarms' business, and a median's too — it is a real value.
    if (rr !== null) state.windows.RR.push(nowMs, rr);
    if (spo2 !== null) state.windows.SPO2.push(nowMs, spo2);
    if (pulse !== null) state.windows.PULSE.push(nowMs, pulse);
    if (arterial !== null) state.windows.ABP_SYS.push(nowMs, arterial);
    const nibp = validValue(values.NIBP_SYS);
    if (nibp !== null) state.nibp = { value: nibp, atMs: values.NIBP_SYS?.measuredAtMs ?? nowMs };
    const temperature = validValue(values.TEMP);
    if (temperature !== null)
      state.deviceTemperature = { value: temperature, atMs: values.TEMP?.measuredAtMs ?? nowMs };
  }

  /** A nurse's charting (already journaled): fields she observed replace the earlier ones. */
  chart(bedId: string, charting: Charting, atMs: number, by: string): ChartedValues {
    const state = this.stateOf(bedId);
    const before = state.charted;
    const charted: ChartedValues = {
      onOxygen: charting.onOxygen === null ? (before?.onOxygen ?? null) : { value: charting.onOxygen, atMs },
      consciousness:
        charting.consciousness === null ? (before?.consciousness ?? null) : { value: charting.consciousness, atMs },
      temperature:
        charting.temperature === null ? (before?.temperature ?? null) : { value: charting.temperature, atMs },
      spo2Scale: charting.spo2Scale,
      atMs,
      by,
    };
    state.charted = charted;
    return charted;
  }

  /** Puts back what was charted before a restart (the database's latest charting per bed). */
  restore(bedId: string, charted: ChartedValues): void {
    this.stateOf(bedId).charted = charted;
  }

  /** What is charted for a bed now, or null. */
  chartedOf(bedId: string): ChartedValues | null {
    return this.beds.get(bedId)?.charted ?? null;
  }

  /** How many measured values the bed's windows hold now: bounded by the window, however long the gateway runs. */
  heldValues(bedId: string): number {
    const state = this.beds.get(bedId);
    return state === undefined ? 0 : CONTINUOUS.reduce((sum, key) => sum + state.windows[key].size(), 0);
  }

  /** The bed's patient left: what was measured and charted of them is not the next patient's. */
  forget(bedId: string): void {
    this.beds.delete(bedId);
  }

  /** The inputs NEWS2 is scored from now. */
  inputsOf(bedId: string, nowMs: number): News2Inputs | null {
    const state = this.beds.get(bedId);
    if (state === undefined) return null;
    const recent = <T>(entry: { value: T; atMs: number } | null, validMs: number): T | null =>
      entry !== null && nowMs - entry.atMs <= validMs && entry.atMs <= nowMs + 60_000 ? entry.value : null;
    const { charted } = state;
    const nibp = recent(state.nibp, NIBP_VALID_MS);
    return {
      respirationRate: state.windows.RR.median(nowMs),
      spo2: state.windows.SPO2.median(nowMs),
      spo2Scale: charted?.spo2Scale ?? 1,
      onOxygen: recent(charted?.onOxygen ?? null, CHARTED_VALID_MS),
      systolicBp: nibp ?? state.windows.ABP_SYS.median(nowMs),
      pulse: state.windows.PULSE.median(nowMs),
      consciousness: recent(charted?.consciousness ?? null, CHARTED_VALID_MS),
      // A device's temperature is as good as a thermometer's; the newer of the two counts.
      temperature: newer(state.deviceTemperature, charted?.temperature ?? null, nowMs),
    };
  }

  /**
   * The bed's score now; null while nothing of it can be scored (no measurement yet, and nothing charted): a tile
   * then shows no score rather than a zero.
   */
  score(bedId: string, nowMs: number): EarlyWarning | null {
    const inputs = this.inputsOf(bedId, nowMs);
    if (inputs === null) return null;
    const scored = news2(inputs);
    if (scored.missing.length === 7) return null;
    const charted = this.beds.get(bedId)?.charted ?? null;
    return {
      total: scored.total,
      parts: scored.parts,
      missing: [...scored.missing],
      response: scored.response,
      spo2Scale: inputs.spo2Scale,
      chartedAtMs: charted?.atMs ?? null,
      chartedBy: charted?.by ?? null,
    };
  }
}

/** The newer of a device's and a nurse's temperature, while it is within the charting's 12 h. */
function newer(
  device: { value: number; atMs: number } | null,
  charted: { value: number; atMs: number } | null,
  nowMs: number,
): number | null {
  const candidates = [device, charted].filter(
    (entry): entry is { value: number; atMs: number } => entry !== null && nowMs - entry.atMs <= CHARTED_VALID_MS,
  );
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (b.atMs > a.atMs ? b : a)).value;
}
