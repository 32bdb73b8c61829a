/**
 * Slows password guessing without letting anyone lock a nurse out of her own station.
 *
 * - Per source — the network address the request came from, or the enrolled station that vouched for it with its
 *   own token — at most `perSource` failures in the window; further attempts wait until the oldest leaves it. The
 *   station name a client types is never a key: a client chooses it.
 * - Per user and source kind, `perUser` free tries; after them every try waits a delay that doubles with each
 *   further failure (up to `maxDelayMs`) — a delay that grows, never a hard lock. An enrolled station has its own
 *   per-user count, so guesses from elsewhere slow a nurse down only where the guessing happens, never at the
 *   station she is unlocking.
 * - An attempt counts as soon as it begins, not when its password check ends, so parallel guesses cannot all slip
 *   past the limit while their checks run.
 * - State is pruned as failures leave the window and bounded in size, so a flood of usernames cannot grow it.
 *
 * In memory: a gateway restart forgets it, which costs an attacker a restart per few guesses.
 */

/** How many failures are allowed, and how waits grow. */
export interface SignInLimits {
  /** Failures per user (per source kind) before each further try waits. */
  readonly perUser: number;
  /** Failures per source address or enrolled station within the window. */
  readonly perSource: number;
  readonly windowMs: number;
  /** The wait after the free tries; doubled with each further failure. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  /** At most this many keys are tracked; beyond, the longest-quiet are forgotten first. */
  readonly maxTrackedKeys?: number;
}

/** Five free tries per user, twenty failures per source, in 15 minutes; waits from 2 s up to 5 min. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perUser: 5,
  perSource: 20,
  windowMs: 15 * 60_000,
  firstDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  maxTrackedKeys: 20_000,
};

/** Where an attempt came from: an enrolled station (proven by its token) or else a network address. */
export type SignInSource =
  { readonly kind: 'station'; readonly stationId: string } | { readonly kind: 'address'; readonly address: string };

/** A begun attempt: say how it ended, exactly once. */
export interface SignInTicket {
  readonly ok: true;
  failed(): void;
  succeeded(): void;
  /** The attempt ended without a password verdict (e.g. the database failed): it counts as nothing. */
  abandoned(): void;
}

/** An attempt that must wait. */
export interface SignInWait {
  readonly ok: false;
  readonly retryAfterSeconds: number;
  /** Which limit held it back: the user's growing delay or the source's window. */
  readonly limit: 'user' | 'source';
  /**
   * What filled the limit: failures, or attempts still being checked (so many sign-ins at once that parallel
   * guesses could hide among them — none has failed yet).
   */
  readonly cause: 'failures' | 'attempts-in-progress';
}

/** The limiter. */
export interface SignInLimiter {
  begin(username: string, source: SignInSource): SignInTicket | SignInWait;
  /** How many keys are tracked now (for tests and the security log). */
  trackedKeys(): number;
}

interface Track {
  failures: number[];
  inFlight: number;
}

/** Creates a limiter; `now` is the gateway's wall clock (sign-in limits are not alarm times). */
export function createSignInLimiter(
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  now: () => number = Date.now,
): SignInLimiter {
  const firstDelayMs = limits.firstDelayMs ?? DEFAULT_SIGN_IN_LIMITS.firstDelayMs ?? 2_000;
  const maxDelayMs = limits.maxDelayMs ?? DEFAULT_SIGN_IN_LIMITS.maxDelayMs ?? 300_000;
  const maxTrackedKeys = limits.maxTrackedKeys ?? DEFAULT_SIGN_IN_LIMITS.maxTrackedKeys ?? 20_000;
  const tracks = new Map<string, Track>();
  let lastSweepMs = -Infinity;

  const trim = (track: Track): Track => {
    const cutoff = now() - limits.windowMs;
    if (track.failures.length > 0 && (track.failures[0] as number) <= cutoff)
      track.failures = track.failures.filter((time) => time > cutoff);
    return track;
  };
  const idle = (track: Track): boolean => track.inFlight === 0 && trim(track).failures.length === 0;
  const sweep = (): void => {
    lastSweepMs = now();
    for (const [key, track] of tracks) if (idle(track)) tracks.delete(key);
    // Still too many (a flood of distinct names within the window): forget the longest-quiet first.
    for (const [key, track] of tracks) {
      if (tracks.size <= maxTrackedKeys) break;
      if (track.inFlight === 0) tracks.delete(key);
    }
  };
  const track = (key: string): Track => {
    if (now() - lastSweepMs > limits.windowMs / 60 || tracks.size > maxTrackedKeys) sweep();
    let found = tracks.get(key);
    if (found === undefined) {
      found = { failures: [], inFlight: 0 };
      tracks.set(key, found);
    }
    return trim(found);
  };
  const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

  const userWait = (user: Track): number => {
    const counted = user.failures.length + user.inFlight;
    if (counted < limits.perUser) return 0;
    // Past the free tries, one check at a time, each after a delay that doubles with every failure.
    if (user.inFlight > 0) return seconds(firstDelayMs);
    const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** (counted - limits.perUser));
    const last = user.failures[user.failures.length - 1] ?? now();
    const left = last + delay - now();
    return left > 0 ? seconds(left) : 0;
  };
  const sourceWait = (source: Track): number => {
    const counted = source.failures.length + source.inFlight;
    if (counted < limits.perSource) return 0;
    const oldest = source.failures[counted - limits.perSource];
    return oldest === undefined ? seconds(firstDelayMs) : seconds(oldest + limits.windowMs - now());
  };

  return {
    begin(username, source) {
      const sourceKey = source.kind === 'station' ? `station:${source.stationId}` : `address:${source.address}`;
      const userKey = `user:${username}|${source.kind === 'station' ? sourceKey : 'anywhere'}`;
      const bySource = track(sourceKey);
      const byUser = track(userKey);
      const waitUser = userWait(byUser);
      const waitSource = sourceWait(bySource);
      if (waitUser > 0 || waitSource > 0)
        return {
          ok: false,
          retryAfterSeconds: Math.max(waitUser, waitSource),
          limit: waitUser >= waitSource ? 'user' : 'source',
          cause:
            byUser.failures.length < limits.perUser && bySource.failures.length < limits.perSource
              ? 'attempts-in-progress'
              : 'failures',
        };
      bySource.inFlight += 1;
      byUser.inFlight += 1;
      let ended = false;
      const end = (failed: boolean, succeeded: boolean): void => {
        if (ended) return;
        ended = true;
        bySource.inFlight -= 1;
        byUser.inFlight -= 1;
        if (failed) {
          const at = now();
          bySource.failures.push(at);
          byUser.failures.push(at);
        }
        // Only the count the success came through is forgiven: guesses made elsewhere still count there.
        if (succeeded) byUser.failures = [];
        // A track that was swept while in flight is put back, so its failures are not lost.
        if (failed) {
          if (!tracks.has(sourceKey)) tracks.set(sourceKey, bySource);
          if (!tracks.has(userKey)) tracks.set(userKey, byUser);
        }
      };
      return {
        ok: true,
        failed: () => end(true, false),
        succeeded: () => end(false, true),
        abandoned: () => end(false, false),
      };
    },
    trackedKeys() {
      sweep();
      return tracks.size;
    },
  };
}
