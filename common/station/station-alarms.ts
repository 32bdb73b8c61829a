import { z } from 'zod';
import { alarmSnapshotSchema } from '../alarms/alarm-model';

/** An acknowledgment made at this station that the gateway has not recorded (yet). */
export const stationAcknowledgmentSchema = z.object({
  /** Names the entry (to dismiss it); the gateway recognizes a replay by it. */
  idempotencyKey: z.string(),
  alarmId: z.string(),
  /** What the alarm said when she acknowledged it, e.g. `Bed 3 · VF`. */
  label: z.string(),
  /** Who acknowledged. */
  displayName: z.string(),
  /**
   * `waiting-for-gateway`: sent once the gateway can record it; `waiting-for-clinician`: sent once the clinician
   * who made it signs in again (it is recorded in her name only); `not-delivered`: the gateway refused it for good.
   */
  state: z.enum(['waiting-for-gateway', 'waiting-for-clinician', 'not-delivered']),
  /** Why it was not delivered; null otherwise. */
  reason: z.string().nullable(),
});

/** See {@link stationAcknowledgmentSchema}. */
export type StationAcknowledgment = z.infer<typeof stationAcknowledgmentSchema>;

/** The ward's alarms as this station knows them, and its acknowledgments still waiting for the gateway. */
export const stationAlarmsSchema = z.object({
  /** The gateway's last snapshot; null before the first. */
  snapshot: alarmSnapshotSchema.nullable(),
  /** Alarm ids acknowledged here and not recorded yet (kept across a station restart); replayed once they can be. */
  pendingAcknowledgments: z.array(z.string()).max(1024),
  /** Those acknowledgments, and the ones the gateway refused for good, until a clinician dismisses them. */
  acknowledgments: z.array(stationAcknowledgmentSchema).max(1024),
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
