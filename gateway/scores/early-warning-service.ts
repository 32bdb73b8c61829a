/**
 * The ward's NEWS2 (issue 16): every bed scored once a second from its numerics and its nurse's charting
 * (early-warning-board.ts), the score sent with the bed's numerics, judged by the alarm rules (advisories) and
 * trended. A nurse's charting is kept in the database before she is told it is done, and journaled with her name
 * (in order with the alarm events, through their queue); after a restart the last charting of each bed comes back. A patient who leaves takes their charting along.
 */
import { describeError, type Logger } from '../../common/logging/logger';
import { describeNews2 } from '../../common/scores/news2';
import type { ChartObservations, EarlyWarning } from '../../common/wire/early-warning';
import { gatewayOk, gatewayRefusal, type GatewayReply } from '../../common/wire/gateway-reply';
import type { NumericValues } from '../../common/wire/ward-messages';
import type { AlarmActor, WardAlarmService } from '../alarms/ward-alarm-service';
import type { ChartStore } from './chart-store';
import { EarlyWarningBoard } from './early-warning-board';

/** The running service. */
export interface EarlyWarningService {
  /** Takes one second's numerics of a bed, and scores it. */
  observe(bedId: string, nowMs: number, values: NumericValues): void;
  /** The bed's score as of its last numerics; null while nothing of it can be scored. */
  scoreOf(bedId: string): EarlyWarning | null;
  /** A nurse charts a bed's observations: stored and journaled, then scored; the score after it. */
  chart(request: ChartObservations, actor: AlarmActor): Promise<GatewayReply<{ earlyWarning: EarlyWarning | null }>>;
  /** The bed's patient left (ADT): what was charted of them is forgotten. */
  patientLeft(bedId: string): void;
  /** Resolves once the last charting of every bed is restored. */
  ready(): Promise<void>;
}

/** Starts the service. */
export function startEarlyWarning(options: {
  readonly store: Promise<ChartStore> | null;
  readonly alarms: Pick<WardAlarmService, 'recordEvent'>;
  readonly now: () => number;
  readonly logger: Logger;
  /** The span of the medians (early-warning-board.ts); five minutes unless a training ward shortens it. */
  readonly windowMs?: number;
}): EarlyWarningService {
  const { logger, now } = options;
  const board = new EarlyWarningBoard(options.windowMs);
  const scores = new Map<string, EarlyWarning | null>();
  let store: ChartStore | null = null;
  const restoring = (async () => {
    if (options.store === null) return;
    try {
      store = await options.store;
      const { charted, unreadable } = await store.list();
      for (const entry of charted) board.restore(entry.bedId, entry.charted);
      if (unreadable > 0) logger.error('stored NEWS2 chartings that do not read back were skipped', { unreadable });
      if (charted.length > 0) logger.info('NEWS2 charting restored', { beds: charted.length });
    } catch (error) {
      logger.error('NEWS2 charting could not be restored', { reason: describeError(error) });
    }
  })();
  return {
    observe(bedId, nowMs, values) {
      board.observe(bedId, nowMs, values);
      scores.set(bedId, board.score(bedId, nowMs));
    },
    scoreOf: (bedId) => scores.get(bedId) ?? null,
    async chart(request, actor) {
      await restoring;
      if (store === null) return gatewayRefusal('UNAVAILABLE', 'the gateway database is not open; chart again shortly');
      const atMs = now();
      const before = board.chartedOf(request.bedId);
      const charted = board.chart(request.bedId, request, atMs, actor.user.displayName);
      try {
        await store.save(request.bedId, charted);
      } catch (error) {
        // Not kept is not charted: the score goes back to what it was, and the nurse is told to chart again.
        if (before === null) board.forget(request.bedId);
        else board.restore(request.bedId, before);
        logger.error('NEWS2 charting could not be stored', { bedId: request.bedId, reason: describeError(error) });
        return gatewayRefusal('UNAVAILABLE', 'the charting could not be stored; chart again in a moment');
      }
      const earlyWarning = board.score(request.bedId, atMs);
      scores.set(request.bedId, earlyWarning);
      const { bedId, ...observed } = request;
      options.alarms.recordEvent({
        atMs,
        kind: 'charted',
        alarmId: null,
        bedId,
        condition: null,
        priority: null,
        username: actor.user.username,
        userDisplay: actor.user.displayName,
        station: actor.station,
        idempotencyKey: null,
        details: {
          charted: observed,
          earlyWarning,
          note: earlyWarning === null ? 'charted' : `charted · ${describeNews2(earlyWarning)}`,
        },
      });
      logger.info('NEWS2 charted', { bedId, by: actor.user.username, total: earlyWarning?.total ?? null });
      return gatewayOk({ earlyWarning });
    },
    patientLeft(bedId) {
      board.forget(bedId);
      scores.delete(bedId);
      void store?.remove(bedId).catch((error: unknown) =>
        logger.warn('a departed patient’s NEWS2 charting could not be removed', {
          bedId,
          reason: describeError(error),
        }),
      );
    },
    ready: () => restoring,
  };
}
