/**
 * Tells the station the user is active (a pointer or key on this page), at most every
 * {@link ACTIVITY_REPORT_INTERVAL_MS}, so that main can lock an idle station; main owns the timer, so a page
 * that hangs or reloads cannot keep a station unlocked.
 */
import { useEffect } from 'react';
import { useStationServices } from '../app/station-context';

/** Reports are coalesced to one per this interval: the lock is measured in minutes. */
export const ACTIVITY_REPORT_INTERVAL_MS = 10_000;

/** Reports activity while `active` (someone signed in and unlocked). */
export function useActivityReporter(active: boolean): void {
  const { bridge } = useStationServices();
  useEffect(() => {
    if (!active) return undefined;
    let lastReportMs = 0;
    const report = (): void => {
      const now = Date.now();
      if (now - lastReportMs < ACTIVITY_REPORT_INTERVAL_MS) return;
      lastReportMs = now;
      void bridge.api.noteActivity();
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const type of events) window.addEventListener(type, report, { passive: true });
    return () => {
      for (const type of events) window.removeEventListener(type, report);
    };
  }, [active, bridge]);
}
