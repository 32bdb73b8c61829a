import { z } from 'zod';
import { alarmSnapshotSchema } from '../alarms/alarm-model';

/** The ward's alarms as this station knows them, and its acknowledgments still waiting for the gateway. */
export const stationAlarmsSchema = z.object({
  /** The gateway's last snapshot; null before the first. */
  snapshot: alarmSnapshotSchema.nullable(),
  /** Alarm ids acknowledged here while the gateway could not be reached; replayed once it can. */
  pendingAcknowledgments: z.array(z.string()).max(1024),
});

/** See {@link stationAlarmsSchema}. */
export type StationAlarms = z.infer<typeof stationAlarmsSchema>;

/** What became of an acknowledgment or reset. */
export const alarmActionOutcomeSchema = z.object({
  /** `recorded`: in the journal; `queued`: the gateway is unreachable, it is sent once it is back. */
  status: z.enum(['recorded', 'queued']),
});
