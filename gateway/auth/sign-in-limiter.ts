/**
 * Slows password guessing: failed sign-ins are counted per username and per station (the station's name and
 * network address), and once either has failed too often within the window, further attempts are refused
 * before the password is even checked, until the oldest failure leaves the window. A successful sign-in clears
 * that user's count. In memory: a gateway restart forgets it, which costs an attacker a restart per few guesses.
 */

/** How many failures are allowed per window. */
export interface SignInLimits {
  readonly perUser: number;
  readonly perStation: number;
  readonly windowMs: number;
}

/** Five wrong passwords per user, twenty per station, in 15 minutes. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perUser: 5, perStation: 20, windowMs: 15 * 60_000 };

/** The limiter. */
export interface SignInLimiter {
  /** Seconds to wait before this attempt is allowed, or 0 when it may proceed. */
  retryAfterSeconds(username: string, station: string): number;
  recordFailure(username: string, station: string): void;
  recordSuccess(username: string): void;
}

/** Creates a limiter. */
export function createSignInLimiter(
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  now: () => number = Date.now,
): SignInLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - limits.windowMs;
    const kept = (failures.get(key) ?? []).filter((time) => time > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  const waitFor = (key: string, allowed: number): number => {
    const times = recent(key);
    if (times.length < allowed) return 0;
    const oldest = times[times.length - allowed] as number;
    return Math.max(1, Math.ceil((oldest + limits.windowMs - now()) / 1000));
  };
  return {
    retryAfterSeconds: (username, station) =>
      Math.max(waitFor(`user:${username}`, limits.perUser), waitFor(`station:${station}`, limits.perStation)),
    recordFailure(username, station) {
      for (const key of [`user:${username}`, `station:${station}`]) failures.set(key, [...recent(key), now()]);
    },
    recordSuccess(username) {
      failures.delete(`user:${username}`);
    },
  };
}
