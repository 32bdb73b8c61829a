/**
 * The sign-in limiter's rules (issue 14, finding 2): attempts count when they begin, so parallel guesses cannot
 * slip past; a growing delay per user instead of a hard lock; an enrolled station's own count; bounded, pruned
 * state; and the password-check gate that bounds scrypt work for unknown usernames.
 */
import { describe, expect, it } from 'vitest';
import { createPasswordCheckGate } from '../../../../gateway/auth/password-check-gate';
import { createSignInLimiter, type SignInSource } from '../../../../gateway/auth/sign-in-limiter';

const LIMITS = { perUser: 5, perSource: 20, windowMs: 15 * 60_000, firstDelayMs: 2_000, maxDelayMs: 300_000 };
const ATTACKER: SignInSource = { kind: 'address', address: '10.0.0.66' };
const NURSE_STATION: SignInSource = { kind: 'station', stationId: 'st-4b-desk' };

function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('the sign-in limiter', () => {
  it('lets at most five of 200 simultaneous guesses at one user reach a password check', () => {
    const limiter = createSignInLimiter(LIMITS, manualClock().now);
    const begun = Array.from({ length: 200 }, () => limiter.begin('n.adams', ATTACKER));
    const checked = begun.filter((attempt) => attempt.ok);
    expect(checked).toHaveLength(5);
    expect(begun.filter((attempt) => !attempt.ok).every((attempt) => !attempt.ok && attempt.limit === 'user')).toBe(
      true,
    );
  });

  it('says whether failures or attempts still being checked held a sign-in back', () => {
    const limiter = createSignInLimiter(LIMITS, manualClock().now);
    const inFlight = Array.from({ length: 5 }, () => limiter.begin('n.adams', ATTACKER));
    // Nothing has failed yet: the sixth waits because five checks of this account are running.
    expect(limiter.begin('n.adams', ATTACKER)).toMatchObject({ ok: false, cause: 'attempts-in-progress' });
    for (const attempt of inFlight) if (attempt.ok) attempt.failed();
    expect(limiter.begin('n.adams', ATTACKER)).toMatchObject({ ok: false, cause: 'failures' });
  });

  it('makes each try after the fifth wait longer than the last, and never locks for good', () => {
    const clock = manualClock();
    // A window longer than the waits below, so that no failure leaves it while the delay grows.
    const limiter = createSignInLimiter({ ...LIMITS, windowMs: 3_600_000 }, clock.now);
    const fail = (): void => {
      const attempt = limiter.begin('n.adams', ATTACKER);
      if (!attempt.ok) throw new Error(`refused: wait ${attempt.retryAfterSeconds} s`);
      attempt.failed();
    };
    for (let i = 0; i < 5; i += 1) fail();
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const refused = limiter.begin('n.adams', ATTACKER);
      expect(refused.ok).toBe(false);
      const wait = refused.ok ? 0 : refused.retryAfterSeconds;
      waits.push(wait);
      clock.advance(wait * 1000);
      fail();
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64]);
    // The delay stops growing at five minutes…
    for (let i = 0; i < 4; i += 1) {
      const refused = limiter.begin('n.adams', ATTACKER);
      clock.advance((refused.ok ? 0 : refused.retryAfterSeconds) * 1000);
      fail();
    }
    const capped = limiter.begin('n.adams', ATTACKER);
    expect(capped.ok ? 0 : capped.retryAfterSeconds).toBe(300);
    // …and the right password, after the wait, signs her in and clears the count.
    clock.advance(300_000);
    const right = limiter.begin('n.adams', ATTACKER);
    expect(right.ok).toBe(true);
    if (right.ok) right.succeeded();
    expect(limiter.begin('n.adams', ATTACKER).ok).toBe(true);
  });

  it('never slows a nurse at her own enrolled station because of guesses made elsewhere', () => {
    const clock = manualClock();
    const limiter = createSignInLimiter(LIMITS, clock.now);
    for (let i = 0; i < 5; i += 1) {
      const attempt = limiter.begin('n.adams', ATTACKER);
      if (attempt.ok) attempt.failed();
    }
    expect(limiter.begin('n.adams', ATTACKER).ok).toBe(false);
    const atHerStation = limiter.begin('n.adams', NURSE_STATION);
    expect(atHerStation.ok).toBe(true);
  });

  it('counts failures per source address whatever station name or username the client claims', () => {
    const limiter = createSignInLimiter(LIMITS, manualClock().now);
    for (let i = 0; i < 20; i += 1) {
      const attempt = limiter.begin(`someone${i}`, ATTACKER);
      expect(attempt.ok).toBe(true);
      if (attempt.ok) attempt.failed();
    }
    const refused = limiter.begin('someone-else', ATTACKER);
    expect(refused).toMatchObject({ ok: false, limit: 'source' });
    // Another address is not affected.
    expect(limiter.begin('someone-else', { kind: 'address', address: '10.0.0.7' }).ok).toBe(true);
  });

  it('does not count an attempt that ended without a verdict (the database failed)', () => {
    const limiter = createSignInLimiter(LIMITS, manualClock().now);
    for (let i = 0; i < 50; i += 1) {
      const attempt = limiter.begin('n.adams', ATTACKER);
      expect(attempt.ok).toBe(true);
      if (attempt.ok) attempt.abandoned();
    }
  });

  it('forgets failures once they leave the window, and stays bounded under a flood of names', () => {
    const clock = manualClock();
    const limiter = createSignInLimiter({ ...LIMITS, perSource: 1_000_000, maxTrackedKeys: 1_000 }, clock.now);
    for (let i = 0; i < 30_000; i += 1) {
      const attempt = limiter.begin(`flood${i}`, ATTACKER);
      if (attempt.ok) attempt.failed();
    }
    expect(limiter.trackedKeys()).toBeLessThanOrEqual(1_000);
    clock.advance(LIMITS.windowMs + 1);
    expect(limiter.trackedKeys()).toBe(0);
  });
});

describe('the password-check gate', () => {
  it('runs one check at a time, queues a few, and answers BUSY beyond that', async () => {
    const gate = createPasswordCheckGate({ concurrent: 1, queued: 3 });
    let running = 0;
    let most = 0;
    const check = async (): Promise<string> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return 'checked';
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => gate.run(check)));
    expect(answers.filter((answer) => answer === 'checked')).toHaveLength(4);
    expect(answers.filter((answer) => answer === 'BUSY')).toHaveLength(6);
    expect(most).toBe(1);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('frees its slot when a check throws', async () => {
    const gate = createPasswordCheckGate({ concurrent: 1, queued: 0 });
    await expect(gate.run(() => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await gate.run(() => Promise.resolve('ok'))).toBe('ok');
  });
});
