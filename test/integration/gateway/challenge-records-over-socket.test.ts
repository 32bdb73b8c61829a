/**
 * Real ICU alarms through the real gateway (issue 12): ten PhysioNet/CinC 2015 records — true and false alarms of
 * every type — replayed as beds of one gateway, whose analysis and alarm engine decide; a station's socket receives
 * the alarm snapshots. Each record is started 285 s in the past, so the gateway's first tick replays its first 4:45
 * at once (faster than real time, as eval:alarms does) and the 15 s up to the bedside monitor's alarm at 5:00 stream
 * in real time. A true alarm must reach the station in that window; a false one must not.
 */
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmSnapshotSchema, type AlarmConditionKey } from '../../../common/alarms/alarm-model';
import { GATEWAY_PROTOCOL_VERSION } from '../../../common/wire/gateway-handshake';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { RecordingBed } from '../../../gateway/sources/recording-bed';
import { createGatewayClock } from '../../../gateway/streaming/gateway-clock';
import { readWfdbRecord } from '../../../gateway/wfdb/wfdb-record';
import { EVAL } from '../../support/physionet';
import { createRecordingLogger } from '../../support/recording-logger';

/** Record, our condition for its alarm type, and whether the station must receive it (the evaluation's decision on a true or false alarm). */
const CASES: readonly [string, AlarmConditionKey, boolean][] = [
  ['a142s', 'ASYSTOLE', true],
  ['a163l', 'ASYSTOLE', false],
  ['b124s', 'EXTREME_BRADY', true],
  ['b184s', 'EXTREME_BRADY', false],
  ['t106s', 'EXTREME_TACHY', true],
  ['v194s', 'VT', true],
  // Its VT is narrow-looking, inverted complexes: ventricular by shape, not by measured width.
  ['v844s', 'VT', true],
  ['v100s', 'VT', false],
  ['f563l', 'VF', true],
  ['f120s', 'VF', false],
];
const BEFORE_ALARM_MS = 285_000;
const ALARM_AT_MS = 300_000;

let gateway: GatewayServer;
let socket: Socket;
const received = new Map<string, Set<AlarmConditionKey>>();
let startMs = 0;

beforeAll(async () => {
  const logger = createRecordingLogger();
  const clock = createGatewayClock();
  startMs = clock() - BEFORE_ALARM_MS;
  const beds = await Promise.all(
    CASES.map(async ([record]) => ({
      bedId: record,
      source: new RecordingBed({
        waveforms: await readWfdbRecord(join(EVAL, 'challenge-2015', `${record}.hea`)),
        numerics: null,
        label: record,
        startMs,
      }),
    })),
  );
  gateway = await startGatewayServer({ host: '127.0.0.1', port: 0, wardName: 'Challenge 2015', logger, beds, clock });
  const { token } = await gateway.auth.localStationToken('Review wall');
  socket = io(gateway.url, {
    auth: { protocol: GATEWAY_PROTOCOL_VERSION, client: 'station', stationName: 'Review wall', token },
    transports: ['websocket'],
  });
  socket.on(WARD_EVENTS.alarms, (payload: unknown) => {
    const snapshot = alarmSnapshotSchema.parse(payload);
    // Only what stands before the bedside alarm's time counts (the 's' records loop after 5:00).
    if (snapshot.generatedAtMs - startMs > ALARM_AT_MS) return;
    for (const alarm of snapshot.alarms)
      if (alarm.conditionActive)
        (received.get(alarm.bedId) ?? received.set(alarm.bedId, new Set()).get(alarm.bedId))?.add(alarm.condition);
  });
  await new Promise((resolve) => socket.once('welcome', resolve));
  // Up to the alarm's time, and a tick more.
  await new Promise((resolve) => setTimeout(resolve, startMs + ALARM_AT_MS - clock() + 200));
}, 60_000);

afterAll(async () => {
  socket?.close();
  await gateway?.close();
});

describe('challenge-2015 records through the gateway, as a station receives them', () => {
  it.each(CASES)('%s: %s %s', (record, condition, expected) => {
    expect(
      received.get(record)?.has(condition) ?? false,
      `${record} received ${[...(received.get(record) ?? [])].join(', ')}`,
    ).toBe(expected);
  });
});
