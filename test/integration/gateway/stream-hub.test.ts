/**
 * The gateway streaming for real: socket.io server and client on loopback, 4 simulated beds. A stream client
 * gets the census, subscribes, decodes binary batches with contiguous samples, receives numerics, changes a
 * scenario; bad requests get specific errors and are counted.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBatch } from '../../../common/wire/frame-codec';
import { GATEWAY_PROTOCOL_VERSION } from '../../../common/wire/gateway-handshake';
import {
  censusSchema,
  numericsMessageSchema,
  WARD_EVENTS,
  type BedNumerics,
  type Census,
} from '../../../common/wire/ward-messages';
import type { WaveformFrame } from '../../../common/wire/waveform-frame';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { createGatewayClock } from '../../../gateway/streaming/gateway-clock';
import { buildWard, DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { createRecordingLogger } from '../../support/recording-logger';
import { waitFor } from '../../support/wait-for';

let gateway: GatewayServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  const logger = createRecordingLogger();
  const clock = createGatewayClock();
  const beds = await buildWard({ ...DEFAULT_WARD_SETUP, beds: 4 }, clock(), logger);
  gateway = await startGatewayServer({ host: '127.0.0.1', port: 0, wardName: 'Ward 4B', logger, beds, clock });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await gateway.close();
});

/** A connected stream client that records census, numerics and decoded frames. */
async function streamClient() {
  const { token } = await gateway.auth.localStationToken('Test wall');
  const socket = io(gateway.url, {
    auth: { protocol: GATEWAY_PROTOCOL_VERSION, client: 'stream', stationName: 'Test wall', token },
    transports: ['websocket'],
  });
  sockets.push(socket);
  const received = {
    census: null as Census | null,
    numerics: [] as BedNumerics[][],
    frames: [] as WaveformFrame[],
    latenciesMs: [] as number[],
  };
  socket.on(WARD_EVENTS.census, (payload: unknown) => (received.census = censusSchema.parse(payload)));
  socket.on(WARD_EVENTS.numerics, (payload: unknown) => received.numerics.push(numericsMessageSchema.parse(payload)));
  socket.on(WARD_EVENTS.waves, (payload: Uint8Array) => {
    const batch = decodeBatch(new Uint8Array(payload));
    if (!batch.ok) throw new Error(`bad batch: ${batch.message}`);
    received.latenciesMs.push(Date.now() - batch.sentAtMs);
    received.frames.push(...batch.frames);
  });
  await new Promise((resolve) => socket.once('welcome', resolve));
  return { socket, received };
}

describe('gateway streaming', () => {
  it('sends the census on connect: beds, patients, channels and rates', async () => {
    const { received } = await streamClient();
    const census = await waitFor('census', () => received.census ?? undefined);
    expect(census.wardName).toBe('Ward 4B');
    expect(census.beds.map((bed) => bed.bedId)).toEqual(['bed-01', 'bed-02', 'bed-03', 'bed-04']);
    expect(census.beds[0]?.channels.map((channel) => `${channel.key}@${channel.sampleRate}`)).toEqual([
      'ECG_II@250',
      'ECG_V@250',
      'PLETH@125',
      'RESP@62.5',
      'ABP@125',
    ]);
    expect(census.beds[0]?.patient?.name).toMatch(/^[A-Z]+, [A-Z][a-z]+$/);
  });

  it('streams only the subscribed beds, with contiguous samples and numerics once a second', async () => {
    const { socket, received } = await streamClient();
    const reply = await socket.emitWithAck(WARD_EVENTS.subscribe, { beds: ['bed-02', 'bed-99'], waveforms: true });
    expect(reply).toEqual({ ok: true, value: { subscribed: ['bed-02'], unknownBeds: ['bed-99'] } });
    expect(gateway.stats().unknownBedRequests).toBeGreaterThanOrEqual(1);
    await waitFor('two numerics messages', () => received.numerics.length >= 2, 5000);
    expect(received.numerics.flat().every((numerics) => numerics.bed === 1)).toBe(true);
    // The device's own numerics at once; the heart rate is the analysis' (LEARNING for its first seconds).
    const latest = received.numerics.at(-1)?.[0]?.values;
    expect(latest?.SPO2?.value).toBeGreaterThan(80);
    expect(latest?.HR?.origin).toBe('derived');
    expect(latest?.HR?.value ?? latest?.HR?.note).toBeTruthy();
    expect(new Set(received.frames.map((frame) => frame.bed))).toEqual(new Set([1]));
    // Every channel's samples follow each other without a hole.
    const next = new Map<number, number>();
    let samples = 0;
    for (const frame of received.frames) {
      const expected = next.get(frame.channel);
      if (expected !== undefined) expect(frame.firstSampleIndex).toBe(expected);
      next.set(frame.channel, frame.firstSampleIndex + frame.samples.length);
      samples += frame.samples.length;
    }
    expect(samples).toBeGreaterThan(1000);
    expect(Math.max(...received.latenciesMs)).toBeLessThan(1000);
  });

  it('subscribes to numerics without waveforms', async () => {
    const { socket, received } = await streamClient();
    await socket.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: false });
    await waitFor('numerics of all beds', () => received.numerics.find((message) => message.length === 4), 5000);
    expect(received.frames).toEqual([]);
  });

  it.each([[{ beds: 'some', waveforms: true }], [{ beds: ['bed-01'] }], ['subscribe me'], [null]])(
    'answers an invalid subscription %j with INVALID_REQUEST',
    async (request) => {
      const { socket } = await streamClient();
      const before = gateway.stats().invalidRequests;
      const reply = await socket.emitWithAck(WARD_EVENTS.subscribe, request);
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(gateway.stats().invalidRequests).toBe(before + 1);
    },
  );

  it('switches a simulated bed’s scenario and the numerics follow', async () => {
    const { socket, received } = await streamClient();
    await socket.emitWithAck(WARD_EVENTS.subscribe, { beds: ['bed-03'], waveforms: false });
    expect(gateway.setScenario('bed-03', 'asystole')).toBeNull();
    await waitFor('HR 0 on bed 3', () => received.numerics.at(-1)?.[0]?.values.HR?.value === 0, 8000);
    expect(gateway.setScenario('bed-77', 'vt')).toEqual({
      code: 'UNKNOWN_BED',
      message: 'no bed "bed-77" in this ward',
    });
    expect(gateway.setScenario('bed-03', 'disco')).toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/"disco" is not a scenario/),
    });
    gateway.setScenario('bed-03', 'normal');
  });

  it('lets a station token watch the ward but not drive the simulator', async () => {
    const { socket } = await streamClient();
    const before = gateway.stats().forbiddenRequests;
    expect(await socket.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-03', scenario: 'asystole' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(gateway.stats().forbiddenRequests).toBe(before + 1);
  });
});
