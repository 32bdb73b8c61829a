/**
 * The automatic lock: after the ward's idle minutes without activity an unlocked station locks itself, as a
 * bedside or central monitor does, so that nobody acknowledges alarms in the name of a nurse who walked away.
 */

/** The lock's timer. */
export interface AutoLock {
  /** The ward's idle minutes; 0 never locks. */
  minutes(): number;
  /** Takes the ward's setting; true when it changed. */
  setMinutes(minutes: number): boolean;
  /** Activity, a sign-in or an unlock: the idle time starts again. */
  restart(): void;
  /** When the station locks itself if nobody touches it; null when it will not (0 minutes, or nothing to lock). */
  deadlineMs(): number | null;
  close(): void;
}

/** What the lock watches and does. */
export interface AutoLockOptions {
  readonly now: () => number;
  /** Whether there is an unlocked user to lock. */
  readonly armed: () => boolean;
  /** Locks (called once the deadline passed). */
  readonly lock: () => void;
}

const CHECK_EVERY_MS = 1000;

/** Starts the lock's timer (checked every second; it never keeps the process alive). */
export function startAutoLock(options: AutoLockOptions): AutoLock {
  let minutes = 0;
  let lastActivityMs = options.now();
  const deadlineMs = (): number | null => (options.armed() && minutes > 0 ? lastActivityMs + minutes * 60_000 : null);
  const timer = setInterval(() => {
    const deadline = deadlineMs();
    if (deadline !== null && options.now() >= deadline) options.lock();
  }, CHECK_EVERY_MS);
  timer.unref();
  return {
    minutes: () => minutes,
    setMinutes: (next) => {
      if (next === minutes) return false;
      minutes = next;
      return true;
    },
    restart: () => {
      lastActivityMs = options.now();
    },
    deadlineMs,
    close: () => clearInterval(timer),
  };
}
