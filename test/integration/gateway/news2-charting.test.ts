/**
 * NEWS2 charting on a live gateway (issue 16): a nurse charts a bed's oxygen, ACVPU and temperature over the
 * socket; the score in the bed's numerics follows, the journal records the charting with her name, a physician
 * may chart and an admin may not, and after a restart of the gateway on the same data folder the charting is
 * back — the ward's scores do not become incomplete because the gateway restarted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WARD_EVENTS, type BedNumerics } from '../../../common/wire/ward-messages';
import type { GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import type { GatewayServer } from '../../../gateway/gateway-server';
import { startSimulatedGateway } from '../../support/simulated-gateway';
import { signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';

const folder = mkdtempSync(join(tmpdir(), 'wardwatch-news2-'));
const sockets: Socket[] = [];
let gateway: GatewayServer | null = null;
let identity: GatewayIdentity | null = null;

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await gateway?.close();
  await identity?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A gateway on the test's data folder, with two simulated beds and NEWS2 medians over 10 s. */
async function start(): Promise<GatewayServer> {
  let server: GatewayServer;
  ({ gateway: server, identity } = await startSimulatedGateway({
    beds: 2,
    location: { kind: 'folder', path: join(folder, 'database') },
    news2WindowMs: 10_000,
  }));
  return server;
}

async function as(role: 'nurse' | 'physician' | 'admin', url: string): Promise<Socket> {
  const grant = await signInDemo(url, role);
  const socket = await welcomed(socketWithToken(url, grant.accessToken));
  sockets.push(socket);
  return socket;
}

/** The next numerics of bed-01 that carry a score meeting `check`. */
function scoreOf(socket: Socket, check: (numerics: BedNumerics) => boolean): Promise<BedNumerics> {
  return new Promise((resolve) => {
    const listen = (message: BedNumerics[]): void => {
      const bed = message.find((numerics) => numerics.bed === 0);
      if (bed?.earlyWarning !== undefined && check(bed)) {
        socket.off(WARD_EVENTS.numerics, listen);
        resolve(bed);
      }
    };
    socket.on(WARD_EVENTS.numerics, listen);
  });
}

const CHARTING = { bedId: 'bed-01', onOxygen: true, consciousness: 'C', temperature: 38.4, spo2Scale: 1 } as const;

describe('NEWS2 charting', () => {
  it('is scored, journaled with the nurse’s name, allowed to clinicians only, and survives a restart', async () => {
    gateway = await start();
    const nurse = await as('nurse', gateway.url);
    await nurse.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: false });
    // Before charting, oxygen and consciousness are missing.
    const before = await scoreOf(nurse, (numerics) => numerics.earlyWarning?.missing.includes('onOxygen') === true);
    expect(before.earlyWarning?.chartedAtMs).toBeNull();

    const reply = (await nurse.emitWithAck(WARD_EVENTS.chartObservations, CHARTING)) as {
      ok: boolean;
      value?: { earlyWarning: { total: number; parts: Record<string, number>; chartedBy: string } | null };
    };
    expect(reply.ok).toBe(true);
    // O2 2 + new confusion 3 + 38.4 °C 1, on top of what the monitor measures.
    expect(reply.value?.earlyWarning).toMatchObject({
      parts: { onOxygen: 2, consciousness: 3, temperature: 1 },
      chartedBy: 'Demo Nurse',
    });
    const after = await scoreOf(nurse, (numerics) => numerics.earlyWarning?.chartedBy === 'Demo Nurse');
    expect(after.earlyWarning?.missing).not.toContain('onOxygen');
    // The simulated monitor measures temperature every second: its newer reading (about 36.8 °C) wins over the
    // nurse's thermometer from the next second on, so only O2 and ACVPU stay charted.
    expect(after.earlyWarning?.parts).toMatchObject({ onOxygen: 2, consciousness: 3, temperature: 0 });
    expect(after.earlyWarning?.total).toBeGreaterThanOrEqual(5);

    const physician = await as('physician', gateway.url);
    expect(await physician.emitWithAck(WARD_EVENTS.chartObservations, CHARTING)).toMatchObject({ ok: true });
    const admin = await as('admin', gateway.url);
    expect(await admin.emitWithAck(WARD_EVENTS.chartObservations, CHARTING)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await nurse.emitWithAck(WARD_EVENTS.chartObservations, { ...CHARTING, temperature: 52 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await nurse.emitWithAck(WARD_EVENTS.chartObservations, { ...CHARTING, bedId: 'bed-99' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_BED' },
    });

    const journal = (await identity!.stores).journal;
    const chartings = async () => (await journal.events()).filter((event) => event.kind === 'charted');
    await expect
      .poll(async () => (await chartings()).map((event) => [event.bedId, event.userDisplay]))
      .toEqual([
        ['bed-01', 'Demo Nurse'],
        ['bed-01', 'Demo Physician'],
      ]);
    const charted = await chartings();
    expect(charted[0]?.details).toMatchObject({
      charted: { onOxygen: true, consciousness: 'C', temperature: 38.4, spo2Scale: 1 },
      note: expect.stringMatching(/^charted · NEWS2 \d+/),
    });

    for (const socket of sockets.splice(0)) socket.close();
    await gateway.close();
    await identity?.close();
    gateway = await start();
    const again = await as('nurse', gateway.url);
    await again.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: false });
    const restored = await scoreOf(again, (numerics) => numerics.earlyWarning?.chartedBy === 'Demo Physician');
    expect(restored.earlyWarning).toMatchObject({ parts: { onOxygen: 2, consciousness: 3 } });
  }, 90_000);
});
