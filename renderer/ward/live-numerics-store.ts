/**
 * The latest numerics of every bed as the stream worker reports them, with when they arrived, for
 * `useSyncExternalStore`. Numerics are live data: they never go into React Query's cache.
 */
import { createListenerSet } from '../../common/events/listener-set';
import type { BedNumerics } from '../../common/wire/ward-messages';

/** A bed's last numerics and the station time they arrived. */
export interface ReceivedNumerics {
  readonly numerics: BedNumerics;
  readonly receivedAtMs: number;
}

/** The store. */
export interface LiveNumericsStore {
  update(numerics: readonly BedNumerics[], receivedAtMs: number): void;
  get(bed: number): ReceivedNumerics | undefined;
  subscribe(listener: () => void): () => void;
}

/** An empty store. */
export function createLiveNumericsStore(): LiveNumericsStore {
  const latest = new Map<number, ReceivedNumerics>();
  const listeners = createListenerSet<void>();
  return {
    update(numerics, receivedAtMs) {
      for (const bed of numerics) latest.set(bed.bed, { numerics: bed, receivedAtMs });
      listeners.emit();
    },
    get: (bed) => latest.get(bed),
    subscribe: listeners.add,
  };
}
