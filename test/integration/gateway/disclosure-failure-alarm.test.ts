/**
 * Full disclosure that cannot be written (issue 14, finding 8: write errors were counted and never shown) is FULL
 * DISCLOSURE FAILURE at every station, over the real socket, and resolves once waveforms are kept again.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { alarmSnapshotSchema, type AlarmSnapshot } from '../../../common/alarms/alarm-model';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { DisclosureStore } from '../../../gateway/disclosure/disclosure-store';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { createGatewayClock } from '../../../gateway/streaming/gateway-clock';
import { buildWard, DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { socketWithToken, welcomed } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { waitFor } from '../../support/wait-for';

let gateway: GatewayServer | null = null;
let socket: Socket | null = null;

afterAll(async () => {
  socket?.close();
  await gateway?.close();
});

describe('full disclosure failure', () => {
  it('is a technical alarm at the station while waveforms cannot be written, and resolves when they can', async () => {
    const base = await mkdtemp(join(tmpdir(), 'wardwatch-fdfail-'));
    await writeFile(join(base, 'blocked'), 'a file where the disclosure folder should be');
    const logger = createRecordingLogger();
    const clock = createGatewayClock();
    const beds = await buildWard({ ...DEFAULT_WARD_SETUP, beds: 1, scenarioFile: null }, clock(), logger);
    gateway = await startGatewayServer({
      host: '127.0.0.1',
      port: 0,
      wardName: 'Ward 4B',
      logger,
      beds,
      clock,
      disclosure: new DisclosureStore(join(base, 'blocked', 'disclosure'), logger),
    });
    const snapshots: AlarmSnapshot[] = [];
    socket = await welcomed(
      socketWithToken(gateway.url, (await gateway.auth.localStationToken('Desk 1')).token, 'station', 'Desk 1'),
    );
    socket.on(WARD_EVENTS.alarms, (payload: unknown) => snapshots.push(alarmSnapshotSchema.parse(payload)));
    const failure = (): AlarmSnapshot['alarms'][number] | undefined =>
      snapshots.at(-1)?.alarms.find((alarm) => alarm.condition === 'DISCLOSURE_FAILURE');
    // Chunks are written about every 4 s.
    const raised = await waitFor('FULL DISCLOSURE FAILURE', failure, 15_000);
    expect(raised).toMatchObject({ bedId: 'gateway', category: 'technical', priority: 'LOW' });
    expect(raised.message).toMatch(/not recorded/);
    await rm(join(base, 'blocked'));
    await waitFor('resolved', () => (snapshots.length > 0 && failure() === undefined) || undefined, 15_000);
  }, 45_000);
});
