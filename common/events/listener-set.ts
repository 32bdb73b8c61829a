/**
 * A set of listeners with `add` returning its own removal — the subscribe pattern every process here uses.
 */
export interface ListenerSet<T> {
  /** Adds a listener; returns the function that removes it. */
  add(listener: (value: T) => void): () => void;
  /** Calls every listener with `value`, in the order they were added. */
  emit(value: T): void;
  clear(): void;
}

/** Creates an empty set. */
export function createListenerSet<T>(): ListenerSet<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(value) {
      for (const listener of listeners) listener(value);
    },
    clear: () => listeners.clear(),
  };
}
