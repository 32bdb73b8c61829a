/**
 * How numerics read on a tile: the value as a monitor prints it, or the reason there is none, and whether the
 * whole tile is stale. Pure functions, unit-tested; the one place that decides what "no data" looks like.
 */
import type { NumericKey, NumericValue } from '../../common/wire/ward-messages';

/** Seconds without numerics after which a bed's numbers are stale (they arrive every second). */
export const NUMERICS_STALE_AFTER_MS = 2500;

/** What one numeric shows. */
export interface NumericText {
  /** The number as printed, or `---` when there is no valid value. */
  readonly text: string;
  /** Why there is no value (LEADS OFF, PROBE OFF…), or null. */
  readonly note: string | null;
}

/** Prints one numeric: whole numbers, one decimal for temperature, `---` with the reason for none. */
export function formatNumeric(key: NumericKey, value: NumericValue | undefined): NumericText {
  if (value === undefined) return { text: '---', note: null };
  if (value.value === null) return { text: '---', note: value.note };
  return { text: key === 'TEMP' ? value.value.toFixed(1) : String(Math.round(value.value)), note: null };
}

/** Prints a pressure triple as `sys/dia (mean)`, or `---/---` with the reason. */
export function formatPressure(
  sys: NumericValue | undefined,
  dia: NumericValue | undefined,
  mean: NumericValue | undefined,
): NumericText {
  const systolic = sys?.value ?? null;
  const diastolic = dia?.value ?? null;
  if (systolic === null || diastolic === null) return { text: '---/---', note: sys?.note ?? dia?.note ?? null };
  const average = mean?.value ?? null;
  const meanText = average === null ? '' : ` (${Math.round(average)})`;
  return { text: `${Math.round(systolic)}/${Math.round(diastolic)}${meanText}`, note: null };
}

/** Why a bed's tile is stale, or null when it is live. */
export function staleReason(receivedAtMs: number | undefined, nowMs: number, streamConnected: boolean): string | null {
  if (!streamConnected) return 'NO CONNECTION';
  if (receivedAtMs === undefined) return 'WAITING FOR DATA';
  return nowMs - receivedAtMs > NUMERICS_STALE_AFTER_MS ? 'NO DATA' : null;
}
