/**
 * Sign-in limits on a real gateway over HTTP (issue 14, finding 2): per source address, never per the station
 * name a client claims; attempts counted as they begin, so 200 parallel guesses reach at most five password
 * checks; a nurse at her own enrolled station is not slowed by guesses from elsewhere; scrypt work for unknown
 * usernames from many addresses is bounded (loopback addresses 127.0.0.x stand for the ward's machines).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_PATHS } from '../../../common/wire/gateway-auth';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { startGatewayIdentity, type GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { demoAccount, postAuth, signInDemo, signInFromAddress, type SignInAnswer } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';

let gateway: GatewayServer;
let identity: GatewayIdentity;
let logger: ReturnType<typeof createRecordingLogger>;

beforeAll(async () => {
  logger = createRecordingLogger();
  identity = startGatewayIdentity({ kind: 'memory' }, { kind: 'demo' }, logger);
  gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    logger,
    identity,
    signInLimits: { perUser: 5, perSource: 20, windowMs: 60_000, firstDelayMs: 2_000, maxDelayMs: 60_000 },
    passwordChecks: { concurrent: 1, queued: 8 },
  });
  await identity.stores;
}, 60_000);

afterAll(async () => {
  await gateway.close();
  await identity.close();
});

/** A sign-in from `localAddress` at this file's gateway. */
const signInFrom = (localAddress: string, body: object, bearer?: string): Promise<SignInAnswer> =>
  signInFromAddress(gateway.url, localAddress, body, bearer);

const count = (answers: readonly SignInAnswer[], code: string | null): number =>
  answers.filter((answer) => answer.code === code).length;

describe('sign-in limits at the gateway', () => {
  it('lets at most 5 of 200 concurrent wrong passwords for one nurse reach a password check', async () => {
    const { username } = demoAccount('nurse');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        signInFrom('127.0.0.2', { username, password: `guess number ${i}`, stationName: `Kiosk ${i}` }),
      ),
    );
    // Every password check that ran answered BAD_CREDENTIALS; every other attempt was refused before one.
    expect(count(answers, 'BAD_CREDENTIALS')).toBeLessThanOrEqual(5);
    expect(count(answers, 'BAD_CREDENTIALS')).toBeGreaterThan(0);
    expect(count(answers, 'RATE_LIMITED')).toBe(200 - count(answers, 'BAD_CREDENTIALS'));
    expect(answers.find((answer) => answer.code === 'RATE_LIMITED')?.message).toMatch(/try again in \d+ s/);
  }, 60_000);

  it('still lets that nurse sign in at her own enrolled station, with the right password', async () => {
    const { username, password } = demoAccount('nurse');
    // From the guesser's side she is slowed…
    expect((await signInFrom('127.0.0.2', { username, password })).code).toBe('RATE_LIMITED');
    // …but her enrolled station vouches for her attempt with its own token.
    const admin = await signInDemo(gateway.url, 'admin', 'Desk 1');
    const enrolled = await postAuth(gateway.url, AUTH_PATHS.enroll, { stationName: 'Desk 1' }, admin.accessToken);
    const token = await postAuth(gateway.url, AUTH_PATHS.stationToken, enrolled.body);
    const stationToken = (token.body as { accessToken: string }).accessToken;
    expect(await signInFrom('127.0.0.2', { username, password }, stationToken)).toMatchObject({
      status: 200,
      code: null,
    });
  }, 60_000);

  it('limits by source address, whatever station name or username the client claims', async () => {
    const answers: SignInAnswer[] = [];
    for (let i = 0; i < 22; i += 1)
      answers.push(
        await signInFrom('127.0.0.3', { username: `someone${i}`, password: 'guess guess', stationName: `Desk ${i}` }),
      );
    expect(count(answers.slice(0, 20), 'BAD_CREDENTIALS')).toBe(20);
    expect(count(answers.slice(20), 'RATE_LIMITED')).toBe(2);
    // Another machine of the ward is not affected.
    expect((await signInFrom('127.0.0.4', { ...demoAccount('physician') })).status).toBe(200);
  }, 60_000);

  it('bounds the password checks that unknown usernames from many addresses can cost', async () => {
    const answers = await Promise.all(
      Array.from({ length: 160 }, (_, i) =>
        signInFrom(`127.0.1.${1 + (i % 40)}`, { username: `nobody${i}`, password: 'guess guess' }),
      ),
    );
    // One check runs and eight wait at any moment; the rest are told the gateway is busy, at once.
    expect(count(answers, 'BAD_CREDENTIALS')).toBeLessThan(160);
    expect(answers.filter((answer) => /busy checking sign-ins/.test(answer.message)).length).toBe(
      160 - count(answers, 'BAD_CREDENTIALS'),
    );
  }, 60_000);

  it('never logs a typed username that names no account', () => {
    const failures = logger.lines.filter((entry) => entry.message === 'sign-in failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.some((entry) => JSON.stringify(entry).includes('nobody'))).toBe(false);
    expect(failures.some((entry) => JSON.stringify(entry).includes('someone'))).toBe(false);
    expect(failures.some((entry) => JSON.stringify(entry).includes('(no such account)'))).toBe(true);
  });
});
