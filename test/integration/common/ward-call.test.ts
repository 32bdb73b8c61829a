/**
 * The station → gateway contract holds at both ends, over a real socket.io connection:
 * - a client's call of any ward request, answered with something that breaks the contract (no envelope, a value
 *   of the wrong shape, a refusal with a code nobody knows), gets BAD_REPLY naming the request — never a throw,
 *   never an unchecked value; the station API turns it into INVALID_REPLY with the same sentence;
 * - a call that goes unanswered is UNREACHABLE after the request's own time; a payload that breaks the contract
 *   never leaves the client;
 * - the gateway refuses (UNAVAILABLE, counted, logged) to send an answer its own reply schema rejects.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failFromGateway } from '../../../common/ipc/gateway-failures';
import { gatewayOk } from '../../../common/wire/gateway-reply';
import { callWardRequest, type WardEmit } from '../../../common/wire/ward-call';
import { DEFAULT_WARD_SETTINGS } from '../../../common/wire/ward-settings';
import { WARD_REQUESTS, type WardRequestName } from '../../../common/wire/ward-requests';
import { guardRequest, type SocketAuthCounters } from '../../../gateway/auth/socket-auth';
import { createRecordingLogger } from '../../support/recording-logger';
import { validWardPayloads } from '../../support/ward-request-payloads';

/** A payload each request accepts, so that the call goes out and the answer is what is tested. */
const VALID_PAYLOADS = validWardPayloads();

/** Answers each event of the contract with what the test put in `answers` for it (nothing: no answer). */
let answers: Record<string, unknown> = {};
let http: HttpServer;
let server: Server;
let client: Socket;
let gatewaySide: Promise<ServerSocket>;
const emit: WardEmit = (event, payload, timeoutMs) =>
  client.timeout(timeoutMs).emitWithAck(event, payload) as Promise<unknown>;

beforeAll(async () => {
  http = createServer();
  server = new Server(http);
  gatewaySide = new Promise((resolve) => server.on('connection', resolve));
  server.on('connection', (socket) => {
    socket.onAny((event: string, _payload: unknown, acknowledge: unknown) => {
      if (typeof acknowledge === 'function' && event in answers)
        (acknowledge as (answer: unknown) => void)(answers[event]);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  await new Promise<void>((resolve) => client.on('connect', resolve));
});

afterAll(async () => {
  client.close();
  await server.close();
});

const names = Object.keys(WARD_REQUESTS) as WardRequestName[];

describe('a ward request answered outside the contract', () => {
  it.each(names)(
    '%s: every malformed answer is BAD_REPLY naming the request, and INVALID_REPLY at the station API',
    async (name) => {
      const event = WARD_REQUESTS[name].event;
      for (const malformed of [
        'yes',
        { ok: true, value: { surprise: 1 } },
        { ok: false, error: { code: 'NO_SUCH_CODE', message: 'x' } },
        { value: null },
      ]) {
        answers = { [event]: malformed };
        const reply = await callWardRequest(emit, name, VALID_PAYLOADS[name]);
        expect(reply.ok, JSON.stringify(malformed)).toBe(false);
        if (reply.ok) continue;
        expect(reply.error.code).toBe('BAD_REPLY');
        expect(reply.error.message).toContain(name);
        expect(failFromGateway(reply.error)).toEqual({
          ok: false,
          error: { code: 'INVALID_REPLY', message: reply.error.message },
        });
      }
    },
  );

  it('passes a refusal of the contract through with its code and sentence (FORBIDDEN stays FORBIDDEN at the station API)', async () => {
    answers = {
      [WARD_REQUESTS.pauseAudio.event]: {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'only a nurse or physician may pause alarm audio' },
      },
    };
    const reply = await callWardRequest(emit, 'pauseAudio', {});
    expect(reply).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'only a nurse or physician may pause alarm audio' },
    });
    if (!reply.ok)
      expect(failFromGateway(reply.error)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'only a nurse or physician may pause alarm audio' },
      });
  });

  it('is UNREACHABLE when nobody answers within the request’s time, or when not connected', async () => {
    answers = {};
    const started = Date.now();
    const reply = await callWardRequest(emit, 'getSettings', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(WARD_REQUESTS.getSettings.timeoutMs - 50);
    expect(await callWardRequest(null, 'getSettings', {})).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
  }, 15_000);

  it('never sends a payload that breaks the contract', async () => {
    let sent = 0;
    const counting: WardEmit = (event, payload, timeoutMs) => {
      sent += 1;
      return emit(event, payload, timeoutMs);
    };
    const reply = await callWardRequest(counting, 'historyDetail', { alarmId: '' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(sent).toBe(0);
  });
});

describe('the gateway’s own answers', () => {
  it('are checked against the reply schema: one that breaks it is refused as UNAVAILABLE, counted and logged', async () => {
    const socket = await gatewaySide;
    socket.data.access = {
      principal: {
        kind: 'user',
        userId: 1,
        username: 'rivera',
        displayName: 'Nurse Rivera',
        role: 'nurse',
        scope: 'full',
      },
      sessionId: null,
      expiresAtMs: Date.now() + 60_000,
    };
    const counters: SocketAuthCounters = {
      refusedHandshakes: 0,
      forbiddenRequests: 0,
      invalidRequests: 0,
      invalidReplies: 0,
      expiredDisconnects: 0,
    };
    const logger = createRecordingLogger();
    // A handler with a bug: its settings lack the alarm policy.
    guardRequest(socket, { ...WARD_REQUESTS.getSettings, event: 'test:broken-settings' }, counters, logger, () =>
      gatewayOk({ station: {} }),
    );
    guardRequest(socket, { ...WARD_REQUESTS.getSettings, event: 'test:good-settings' }, counters, logger, () =>
      gatewayOk(DEFAULT_WARD_SETTINGS),
    );
    answers = {};
    const broken = await client.timeout(2000).emitWithAck('test:broken-settings', {});
    expect(broken).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(counters.invalidReplies).toBe(1);
    expect(
      logger.lines.some(
        (line) => line.level === 'error' && String(line.fields?.reason).includes('breaks the contract'),
      ),
    ).toBe(true);
    expect(await client.timeout(2000).emitWithAck('test:good-settings', {})).toEqual({
      ok: true,
      value: DEFAULT_WARD_SETTINGS,
    });
  });
});
