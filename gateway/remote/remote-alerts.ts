/**
 * What a remote patient's readings say (issue 16), as the conditions that hold now: the latest reading of each kind
 * against the clinician's thresholds (a newer reading within limits ends the alert), a weight gain within the
 * window, and every expected kind that has not come for longer than its schedule allows (counted from the last
 * reading, or from enrollment before the first). Pure: every rule and boundary is unit-tested. All times are the
 * gateway's clock; a reading's own time is the device's, and one claimed in the future counts as now.
 */
import type { AlarmConditionKey } from '../../common/alarms/alarm-model';
import {
  ageInWords,
  readingText,
  READING_KINDS,
  READING_LABELS,
  type ReadingKind,
  type RemotePatient,
  type RemoteReading,
} from '../../common/wire/remote-patients';

/**
 * The conditions that hold, with their words. `readings` are the patient's, newest last, covering at least the
 * weight window and the longest schedule.
 */
export function evaluateRemoteAlerts(
  patient: RemotePatient,
  readings: readonly RemoteReading[],
  nowMs: number,
): Map<AlarmConditionKey, string> {
  const holding = new Map<AlarmConditionKey, string>();
  const { thresholds } = patient;
  const latest = new Map<ReadingKind, RemoteReading>();
  for (const reading of readings) {
    const before = latest.get(reading.kind);
    if (before === undefined || reading.effectiveMs >= before.effectiveMs) latest.set(reading.kind, reading);
  }
  const age = (reading: RemoteReading): string => ageInWords(nowMs - Math.min(reading.effectiveMs, nowMs));
  const say = (condition: AlarmConditionKey, kind: ReadingKind, reading: RemoteReading, rule: string): void =>
    void holding.set(condition, `${READING_LABELS[kind].label} ${readingText(reading)} ${rule} (${age(reading)})`);

  const bp = latest.get('blood-pressure');
  if (bp !== undefined && thresholds.systolicHigh !== null && bp.value > thresholds.systolicHigh)
    say('HOME_BP_HIGH', 'blood-pressure', bp, `> ${thresholds.systolicHigh}`);
  if (bp !== undefined && thresholds.systolicLow !== null && bp.value < thresholds.systolicLow)
    say('HOME_BP_LOW', 'blood-pressure', bp, `< ${thresholds.systolicLow}`);
  const glucose = latest.get('glucose');
  if (glucose !== undefined && thresholds.glucoseLowMgDl !== null && glucose.value < thresholds.glucoseLowMgDl)
    say('HOME_GLUCOSE_LOW', 'glucose', glucose, `< ${thresholds.glucoseLowMgDl} mg/dL`);
  if (glucose !== undefined && thresholds.glucoseHighMgDl !== null && glucose.value > thresholds.glucoseHighMgDl)
    say('HOME_GLUCOSE_HIGH', 'glucose', glucose, `> ${thresholds.glucoseHighMgDl} mg/dL`);
  const spo2 = latest.get('spo2');
  if (spo2 !== undefined && thresholds.spo2Low !== null && spo2.value < thresholds.spo2Low)
    say('HOME_SPO2_LOW', 'spo2', spo2, `< ${thresholds.spo2Low} %`);

  const weight = latest.get('weight');
  if (weight !== undefined && thresholds.weightGainKg !== null) {
    const windowMs = thresholds.weightGainHours * 3_600_000;
    const earlier = readings.filter(
      (reading) =>
        reading.kind === 'weight' &&
        reading.effectiveMs < weight.effectiveMs &&
        reading.effectiveMs >= weight.effectiveMs - windowMs,
    );
    if (earlier.length > 0) {
      const lowest = Math.min(...earlier.map((reading) => reading.value));
      const gain = weight.value - lowest;
      if (gain > thresholds.weightGainKg)
        holding.set(
          'HOME_WEIGHT_GAIN',
          `Weight +${gain.toFixed(1)} kg in ${thresholds.weightGainHours} h > ${thresholds.weightGainKg} kg (${age(weight)})`,
        );
    }
  }

  const missed: string[] = [];
  for (const kind of READING_KINDS) {
    const hours = patient.schedule[kind];
    if (hours === undefined) continue;
    const last = latest.get(kind);
    const sinceMs = last === undefined ? patient.enrolledAtMs : Math.min(last.effectiveMs, nowMs);
    const silentHours = Math.floor((nowMs - sinceMs) / 3_600_000);
    if (nowMs - sinceMs > hours * 3_600_000)
      missed.push(
        `no ${READING_LABELS[kind].label} reading for ${silentHours} h${last === undefined ? ' (none yet)' : ''}`,
      );
  }
  if (missed.length > 0) holding.set('HOME_READING_MISSED', missed.join('; '));
  return holding;
}
