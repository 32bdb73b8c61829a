/**
 * Bounds the CPU that password checks can take. Each check is a full scrypt (tens of milliseconds of one core and
 * ~32 MB) whether or not the username exists — it must be, or the answer's timing tells which usernames exist — so
 * unauthenticated requests from many addresses could otherwise keep every core busy and starve the waveform
 * stream. At most `concurrent` checks run at once and at most `queued` wait; beyond that a sign-in is answered
 * at once with "busy, try again in a second" instead of being checked.
 */

/** How many password checks may run and wait. */
export interface PasswordCheckBounds {
  readonly concurrent: number;
  readonly queued: number;
}

/** One check at a time per core on this two-core class of machine, and a short queue. */
export const DEFAULT_PASSWORD_CHECK_BOUNDS: PasswordCheckBounds = { concurrent: 1, queued: 16 };

/** The gate. */
export interface PasswordCheckGate {
  /** Runs `check` when a slot is free; 'BUSY' at once when the queue is full. */
  run<T>(check: () => Promise<T>): Promise<T | 'BUSY'>;
  /** Checks running and waiting now. */
  load(): { running: number; waiting: number };
}

/** Creates a gate. */
export function createPasswordCheckGate(
  bounds: PasswordCheckBounds = DEFAULT_PASSWORD_CHECK_BOUNDS,
): PasswordCheckGate {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    running -= 1;
    const next = waiting.shift();
    if (next !== undefined) {
      running += 1;
      next();
    }
  };
  return {
    async run(check) {
      if (running >= bounds.concurrent) {
        if (waiting.length >= bounds.queued) return 'BUSY';
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running += 1;
      try {
        return await check();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
