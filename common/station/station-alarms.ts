import { z } from 'zod';
import { alarmSnapshotSchema } from '../alarms/alarm-model';

/** The ward's alarms as this station knows them, and its acknowledgments still waiting for the gateway. */
export const stationAlarmsSchema = z.object({
  /** The gateway's last snapshot; null before the first. */
  snapshot: alarmSnapshotSchema.nullable(),
  /** Alarm ids acknowledged here while the gateway could not be reached; replayed once it can. */
  pendingAcknowledgments: z.array(z.string()).max(1024),
  /**
   * Gateway time (the alarm clock) when this state was sent, from the station's monotonic estimate; null before the
   * gateway first answered. The UI anchors it to its own monotonic clock on receipt and judges AUDIO PAUSED and
   * countdowns by it — never by the computer's wall clock, which may be stepped.
   */
  gatewayTimeMs: z.number().nullable(),
});

/** See {@link stationAlarmsSchema}. */
export type StationAlarms = z.infer<typeof stationAlarmsSchema>;

/** COMMS LOST's sound paused by a signed-in clinician: for how long, and by whom (the station's log says it too). */
export const commsLostPauseSchema = z.object({
  seconds: z.number().int().positive(),
  byUsername: z.string(),
  byDisplayName: z.string(),
});

/** See {@link commsLostPauseSchema}. */
export type CommsLostPause = z.infer<typeof commsLostPauseSchema>;

/** What became of an acknowledgment or reset. */
export const alarmActionOutcomeSchema = z.object({
  /** `recorded`: in the journal; `queued`: the gateway is unreachable, it is sent once it is back. */
  status: z.enum(['recorded', 'queued']),
});
