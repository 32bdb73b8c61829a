/**
 * The gateway checks its own alarm journal while it runs, so that tampering is found by the next hourly check and
 * not only when someone thinks of running `npm run journal -- verify`: every minute the head is anchored (a signed
 * checkpoint, journal-integrity.ts) if events were added, every hour the whole chain is verified and the verdict
 * recorded as a security event (journal-verified, or journal-tampered: a critical alert forwarded to the SIEM).
 */
import { describeError, type Logger } from '../../common/logging/logger';
import type { AlarmJournal } from './alarm-journal';
import type { SecurityEvents } from '../security/security-log';

const ANCHOR_EVERY_MS = 60_000;
const VERIFY_EVERY_MS = 3_600_000;

/** Starts the checks; returns the function that stops them. */
export function startJournalSelfCheck(
  journal: Pick<AlarmJournal, 'anchor' | 'verify'>,
  logger: Logger,
  security: SecurityEvents,
  timing: { anchorEveryMs: number; verifyEveryMs: number } = {
    anchorEveryMs: ANCHOR_EVERY_MS,
    verifyEveryMs: VERIFY_EVERY_MS,
  },
): () => void {
  const anchor = setInterval(() => {
    try {
      journal.anchor();
    } catch (error) {
      logger.error('the journal checkpoint could not be written', { reason: describeError(error) });
    }
  }, timing.anchorEveryMs);
  const verify = setInterval(() => {
    journal.verify().then(
      (verdict) => {
        if (verdict.intact)
          security.record('journal-verified', {
            severity: 'info',
            source: 'gateway',
            message: `alarm journal intact: ${verdict.events} events${verdict.anchoredAtSeq === null ? '' : `, matches its checkpoint at event ${verdict.anchoredAtSeq}`}`,
          });
        else
          security.record('journal-tampered', {
            severity: 'critical',
            source: 'gateway',
            message: `alarm journal TAMPERED: ${verdict.reason}`,
          });
      },
      (error: unknown) => logger.error('journal self-check failed to run', { reason: describeError(error) }),
    );
  }, timing.verifyEveryMs);
  anchor.unref();
  verify.unref();
  return () => {
    clearInterval(anchor);
    clearInterval(verify);
  };
}
