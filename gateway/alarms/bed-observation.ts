/**
 * The alarm engine's look at every bed on every streaming tick: the rhythm as the waveform analysis reads it now
 * (so a lethal call is an alarm within a tick), under the bed's extreme-rate limits, with the numerics of the
 * last second, and who lies in the bed by the census (a discharged bed raises no physiological alarm). Plugs into
 * the stream hub's hooks.
 */
import type { EarlyWarning } from '../../common/wire/early-warning';
import { limitsForBed, type AlarmPolicy } from '../../common/wire/ward-settings';
import type { AnalysedBed } from '../analysis/analysed-bed';
import type { NumericValues } from '../sources/bed-source';
import type { StreamHubHooks } from '../streaming/stream-hub';
import type { RegisteredBed } from '../streaming/ward-registry';
import type { WardAlarmService } from './ward-alarm-service';
import type { AlarmPatient } from './alarm-rules';

/** The hooks that feed `alarms` from `beds` (each an analysed bed). */
export function observeBeds(
  beds: readonly RegisteredBed<AnalysedBed>[],
  alarms: WardAlarmService,
  policy: () => AlarmPolicy,
  patientOf: (bedId: string) => AlarmPatient | null | undefined = () => undefined,
  earlyWarningOf: (bedId: string) => EarlyWarning | null = () => null,
): Required<Pick<StreamHubHooks, 'onNumerics' | 'onTick'>> {
  const bedByWireId = new Map(beds.map((bed) => [bed.bed, bed]));
  const latestNumerics = new Map<string, NumericValues>();
  return {
    onNumerics: (_nowMs, measured) => {
      for (const numerics of measured) {
        const bed = bedByWireId.get(numerics.bed);
        if (bed !== undefined) latestNumerics.set(bed.bedId, numerics.values);
      }
    },
    onTick: (nowMs) => {
      for (const bed of beds) {
        // A bed nothing feeds is not monitored: its alarms end and nothing new is judged until a device comes.
        if (bed.source.standby()) {
          alarms.standBy(bed.bedId, nowMs);
          latestNumerics.delete(bed.bedId);
          continue;
        }
        const numerics = latestNumerics.get(bed.bedId);
        if (numerics === undefined) continue;
        const { HR } = limitsForBed(policy(), bed.bedId);
        const patient = patientOf(bed.bedId);
        alarms.observe(
          bed.bedId,
          {
            numerics,
            rhythm: bed.source.rhythm({ extremeLowBpm: HR.extremeLow, extremeHighBpm: HR.extremeHigh }),
            ...(patient === undefined ? {} : { patient }),
            earlyWarning: earlyWarningOf(bed.bedId),
          },
          nowMs,
        );
      }
    },
  };
}
