import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ReceivedNumerics, LiveNumericsStore } from './live-numerics-store';

/** A bed's latest numerics from the store. */
export function useBedNumerics(store: LiveNumericsStore, bed: number): ReceivedNumerics | undefined {
  return useSyncExternalStore(store.subscribe, () => store.get(bed));
}

/** The current time, re-read every `periodMs`, so that staleness shows even when nothing arrives. */
export function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}
