/**
 * Every request a client may send on the gateway socket, with the action it needs (permissions.ts) and the
 * schema its payload must match. The gateway registers its handlers from this table, so an event cannot be
 * added without saying who may send it.
 */
import { z } from 'zod';
import type { Action } from '../identity/permissions';
import { subscribeRequestSchema, WARD_EVENTS } from './ward-messages';
import { alarmPolicySchema, stationSettingsSchema } from './ward-settings';
import { alarmHistoryQuerySchema, alarmStatsQuerySchema, stripQuerySchema } from './history-messages';

/** One kind of request. */
export interface WardRequestDefinition {
  readonly event: string;
  readonly action: Action;
  readonly payload: z.ZodType;
}

/** The requests, by name. */
export const WARD_REQUESTS = {
  subscribe: { event: WARD_EVENTS.subscribe, action: 'ward.view', payload: subscribeRequestSchema },
  getSettings: { event: WARD_EVENTS.getSettings, action: 'ward.view', payload: z.object({}) },
  setStationSettings: { event: WARD_EVENTS.setStationSettings, action: 'settings.change', payload: stationSettingsSchema.partial() },
  setAlarmPolicy: { event: WARD_EVENTS.setAlarmPolicy, action: 'policy.change', payload: alarmPolicySchema.partial() },
  acknowledgeAlarm: {
    event: WARD_EVENTS.acknowledgeAlarm,
    action: 'alarm.acknowledge',
    // The idempotency key makes a replayed acknowledgment (after a reconnect) count once.
    payload: z.object({ alarmId: z.string().min(1).max(64), idempotencyKey: z.string().min(8).max(64) }),
  },
  resetAlarm: {
    event: WARD_EVENTS.resetAlarm,
    action: 'alarm.acknowledge',
    payload: z.object({ alarmId: z.string().min(1).max(64), idempotencyKey: z.string().min(8).max(64) }),
  },
  pauseAudio: { event: WARD_EVENTS.pauseAudio, action: 'alarm.pause-audio', payload: z.object({}) },
  queryHistory: {
    event: WARD_EVENTS.queryHistory,
    action: 'history.read',
    payload: z.object({ fromMs: z.number().finite(), toMs: z.number().finite(), limit: z.number().int().min(1).max(1000) }),
  },
  historyAlarms: { event: WARD_EVENTS.historyAlarms, action: 'history.read', payload: alarmHistoryQuerySchema },
  historyDetail: { event: WARD_EVENTS.historyDetail, action: 'history.read', payload: z.object({ alarmId: z.string().min(1).max(64) }) },
  historyStrip: { event: WARD_EVENTS.historyStrip, action: 'history.read', payload: stripQuerySchema },
  historyStats: { event: WARD_EVENTS.historyStats, action: 'history.read', payload: alarmStatsQuerySchema },
  setScenario: {
    event: WARD_EVENTS.setScenario,
    action: 'simulator.control',
    payload: z.object({ bedId: z.string().min(1).max(64), scenario: z.string().min(1).max(32) }),
  },
} as const satisfies Record<string, WardRequestDefinition>;

/** A request's name. */
export type WardRequestName = keyof typeof WARD_REQUESTS;
/** A request's payload. */
export type WardRequestPayload<N extends WardRequestName> = z.output<(typeof WARD_REQUESTS)[N]['payload']>;
