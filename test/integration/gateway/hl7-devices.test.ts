/**
 * Real devices into a real gateway (issue 15): a monitor sends PCD-01 over MLLP with Medplum's HL7 client (not our
 * code) and its numerics and ECG reach the bed its PV1-3 names, as a station sees them over socket.io; a device
 * whose location names no bed of this ward is answered AE 204, listed as unassigned and shown on no bed, until an
 * admin assigns it (journaled); a pump's PCD-04 occlusion is an alarm of that bed with origin "device", that a
 * nurse acknowledges and the pump's end report clears; unassigning the last device puts the bed in standby (no
 * alarm). Every kind of bad input gets its ACK code and is counted, and the listener keeps serving.
 */
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { decodeBatch } from '../../../common/wire/frame-codec';
import { WARD_EVENTS, type BedNumerics, type Census } from '../../../common/wire/ward-messages';
import type { AlarmSnapshot } from '../../../common/alarms/alarm-model';
import { channelByKey } from '../../../common/wire/channel-catalog';
import type { WardGateway } from '../../../gateway/ward-gateway';
import { writePcd01 } from '../../../gateway/hl7/pcd01-writer';
import { adminSocket, signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { hl7Fixture, startHl7Gateway } from '../../support/hl7-ward';
import { waitFor } from '../../support/wait-for';

let gateway: WardGateway;
let client: Hl7Client;
let nurse: Socket;
let admin: Socket;
let census: Census | null = null;
let snapshot: AlarmSnapshot | null = null;
const numerics = new Map<number, BedNumerics>();
const ecgSamplesByBed = new Map<number, number>();

const MONITOR = '0123456789ABCDEF';
const STRAY = '00A0371234567890';

/** One second of a monitor: HR, SpO2 and a 250 Hz ECG II with a beat in it. */
function monitorSecond(deviceId: string, bed: string, pointOfCare: string, controlId: string): string {
  const ecg = Array.from({ length: 250 }, (_, i) => (i >= 100 && i < 106 ? 1.2 : 0.02));
  return writePcd01({
    deviceId,
    model: 'AcmeMonitor',
    location: { pointOfCare, room: '', bed },
    controlId,
    atMs: Date.now(),
    numerics: { HR: 72, SPO2: 97 },
    waves: [{ key: 'ECG_II', sampleRate: 250, samples: ecg }],
  });
}

async function send(text: string): Promise<{ code: string; error: string }> {
  const ack = await client.sendAndWait(Hl7Message.parse(text), { timeoutMs: 5000 });
  return {
    code: ack.getSegment('MSA')?.getField(1)?.toString() ?? '',
    error: ack.getSegment('ERR')?.getComponent(3, 1) ?? '',
  };
}

const fixture = hl7Fixture;
const bedNumber = (bedId: string): number => (census?.beds.find((bed) => bed.bedId === bedId) ?? { bed: -1 }).bed;

beforeAll(async () => {
  gateway = await startHl7Gateway({ ward: { beds: 2, deviceBeds: 4 } });
  const url = gateway.server.url;
  const grant = await signInDemo(url, 'nurse');
  // Listening before the welcome: the census comes right after it.
  nurse = socketWithToken(url, grant.accessToken);
  nurse.on(WARD_EVENTS.census, (value: Census) => (census = value));
  nurse.on(WARD_EVENTS.alarms, (value: AlarmSnapshot) => (snapshot = value));
  nurse.on(WARD_EVENTS.numerics, (values: BedNumerics[]) => {
    for (const value of values) numerics.set(value.bed, value);
  });
  nurse.on(WARD_EVENTS.waves, (batch: ArrayBuffer) => {
    const decoded = decodeBatch(new Uint8Array(batch));
    if (!decoded.ok) return;
    for (const frame of decoded.frames)
      if (frame.channel === channelByKey('ECG_II').id)
        ecgSamplesByBed.set(frame.bed, (ecgSamplesByBed.get(frame.bed) ?? 0) + frame.samples.length);
  });
  await welcomed(nurse);
  await new Promise((resolve) => nurse.emit(WARD_EVENTS.subscribe, { beds: 'all', waveforms: true }, resolve));
  admin = await adminSocket(url);
  client = new Hl7Client({ host: '127.0.0.1', port: gateway.server.hl7Port as number });
}, 60_000);

afterAll(async () => {
  client?.close();
  nurse?.close();
  admin?.close();
  await gateway?.close();
});

const call = <T>(socket: Socket, event: string, payload: unknown): Promise<T> =>
  new Promise((resolve) => socket.emit(event, payload, resolve));

describe('devices over HL7', () => {
  it('starts its device-fed beds in standby: no device, no alarm', async () => {
    await waitFor('the census', () => census ?? undefined);
    const device = census?.beds.find((bed) => bed.bedId === 'bed-04');
    expect(device).toMatchObject({ label: 'Bed 4', source: { kind: 'device', detail: 'no device' }, standby: true });
    expect(census?.beds.find((bed) => bed.bedId === 'bed-01')?.standby).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(snapshot?.alarms.filter((alarm) => alarm.bedId !== 'bed-01')).toEqual([]);
  });

  it('puts a monitor’s numerics and ECG on the bed its PV1-3 names', async () => {
    for (let second = 0; second < 3; second += 1) {
      expect(await send(monitorSecond(MONITOR, 'BED04', '4B', `M-${second}`))).toEqual({ code: 'AA', error: '' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const bed = bedNumber('bed-04');
    expect(census?.beds[bed]).toMatchObject({ source: { kind: 'device', detail: `AcmeMonitor ${MONITOR}` } });
    expect(census?.beds[bed]?.standby).toBeUndefined();
    const values = await waitFor('SpO2 97 on bed 4', () =>
      numerics.get(bed)?.values.SPO2?.value === 97 ? numerics.get(bed) : undefined,
    );
    expect(values.values.SPO2).toMatchObject({ origin: 'device', unit: '%' });
    // Three seconds of 250 Hz, played out in real time: at least two of them have reached the station.
    expect(ecgSamplesByBed.get(bed) ?? 0).toBeGreaterThan(450);
    expect(ecgSamplesByBed.get(bedNumber('bed-05')) ?? 0).toBe(0);
  });

  it('shows a device whose location is another ward on no bed, until an admin assigns it', async () => {
    // Ward 7's bed 5 is not this ward's bed 5.
    const refused = await send(monitorSecond(STRAY, 'BED05', '7', 'S-1'));
    expect(refused).toEqual({ code: 'AE', error: '204' });
    const listed = await call<{ ok: true; value: { devices: { deviceId: string; bedId: string | null }[] } }>(
      nurse,
      WARD_EVENTS.listDevices,
      {},
    );
    expect(listed.value.devices.find((device) => device.deviceId === STRAY)).toMatchObject({
      bedId: null,
      location: '7/BED05',
    });
    expect(numerics.get(bedNumber('bed-05'))).toBeUndefined();

    const byNurse = await call<{ ok: boolean; error?: { code: string } }>(nurse, WARD_EVENTS.assignDevice, {
      deviceId: STRAY,
      bedId: 'bed-05',
    });
    expect(byNurse).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const notADeviceBed = await call<{ ok: boolean; error?: { code: string } }>(admin, WARD_EVENTS.assignDevice, {
      deviceId: STRAY,
      bedId: 'bed-01',
    });
    expect(notADeviceBed).toMatchObject({ ok: false, error: { code: 'UNKNOWN_BED' } });
    const assigned = await call<{ ok: boolean }>(admin, WARD_EVENTS.assignDevice, { deviceId: STRAY, bedId: 'bed-05' });
    expect(assigned).toMatchObject({ ok: true });
    expect(await send(monitorSecond(STRAY, 'BED05', '7', 'S-2'))).toEqual({ code: 'AA', error: '' });
    await waitFor('the stray monitor on bed 5', () => numerics.get(bedNumber('bed-05'))?.values.SPO2?.value === 97);
    expect(census?.beds[bedNumber('bed-05')]?.source.detail).toBe(`AcmeMonitor ${STRAY}`);
  });

  it('shows a pump’s PCD-04 occlusion as the bed’s device alarm, acknowledged by a nurse, cleared by the pump', async () => {
    // The deprecated B. Braun-style layout: L~PH~ST, OBR-2, the pump at ward 7 bed 12 — assigned to bed 6 here.
    const occlusion = fixture('pcd04-pump-occlusion-deprecated.hl7');
    expect(await send(occlusion)).toEqual({ code: 'AE', error: '204' });
    expect(
      await call(admin, WARD_EVENTS.assignDevice, { deviceId: '00A0B1C2D3E4F506', bedId: 'bed-06' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await send(occlusion)).toEqual({ code: 'AA', error: '' });
    const alarm = await waitFor('the occlusion alarm', () =>
      snapshot?.alarms.find((candidate) => candidate.bedId === 'bed-06'),
    );
    expect(alarm).toMatchObject({
      condition: 'DEVICE_ALARM',
      priority: 'HIGH',
      category: 'technical',
      message: 'Occlusion downstream (device)',
      device: { deviceId: '00A0B1C2D3E4F506', reference: 'PUMP-OCC-9', label: 'OCCLUSION DOWNSTREAM' },
      acknowledged: null,
    });
    // A repeated "continue" is the same alarm, not a new one.
    expect(await send(occlusion.replace('BB-55', 'BB-56'))).toEqual({ code: 'AA', error: '' });
    expect(snapshot?.alarms.filter((candidate) => candidate.bedId === 'bed-06').map((a) => a.alarmId)).toEqual([
      alarm.alarmId,
    ]);

    const nurseGrant = await signInDemo(gateway.server.url, 'nurse', 'Ack station');
    const acking = await welcomed(
      socketWithToken(gateway.server.url, nurseGrant.accessToken, 'station', 'Ack station'),
    );
    const answer = await call<{ ok: boolean }>(acking, WARD_EVENTS.acknowledgeAlarm, {
      alarmId: alarm.alarmId,
      idempotencyKey: 'ack-occlusion-1',
    });
    acking.close();
    expect(answer).toMatchObject({ ok: true });
    await waitFor('the occlusion acknowledged', () =>
      snapshot?.alarms.find((candidate) => candidate.alarmId === alarm.alarmId && candidate.acknowledged !== null),
    );

    expect(await send(occlusion.replace('BB-55', 'BB-57').replace('|continue|', '|end|'))).toEqual({
      code: 'AA',
      error: '',
    });
    await waitFor('the occlusion cleared', () => !snapshot?.alarms.some((candidate) => candidate.bedId === 'bed-06'));
  });

  it('puts a bed in standby when its last device is unassigned, ending its alarms', async () => {
    await call(admin, WARD_EVENTS.assignDevice, { deviceId: STRAY, bedId: null });
    // Its location (ward 7) names no bed here: unassigned again, and bed 5 has no device.
    await waitFor('bed 5 in standby', () => census?.beds[bedNumber('bed-05')]?.standby === true);
    expect(await send(monitorSecond(STRAY, 'BED05', '7', 'S-3'))).toEqual({ code: 'AE', error: '204' });
  });

  it('answers every kind of bad input with its code, counts it, and keeps serving', async () => {
    const before = gateway.server.hl7Counts();
    expect(await send(fixture('pcd01-bad-values.hl7').replace(/\|4B\^R05\^BED05/, '|4B^R04^BED04'))).toMatchObject({
      code: 'AA',
    });
    const order = 'MSH|^~\\&|CPOE|HOSP|||20261201140211||ORM^O01|ORM-1|P|2.5\rPID|||123^^^H^MR||Doe^Jane';
    expect(await send(order)).toEqual({ code: 'AR', error: '200' });
    const allBad = monitorSecond(MONITOR, 'BED04', '4B', 'B-2')
      .replace(/\|72\|264864/, '|NaN|264864')
      .replace(/\|97\|262688/, '|97|266016')
      .replace(/OBX\|\d+\|NA\|[^\r]*\r?/g, '');
    expect(await send(allBad)).toEqual({ code: 'AE', error: '102' });
    // A metric WardWatch does not show (CO2) is accepted and counted, not an error.
    const co2 = monitorSecond(MONITOR, 'BED04', '4B', 'B-4').replace(
      /(OBX\|\d+\|NM\|147842)/,
      'OBX|90|NM|151708^MDC_AWAY_CO2_ET^MDC|1.7.1.1|38|266016^MDC_DIM_MMHG^MDC|||||R\r$1',
    );
    const beforeCo2 = gateway.server.hl7Counts().intake.valuesNotShown;
    expect(await send(co2)).toEqual({ code: 'AA', error: '' });
    const after = gateway.server.hl7Counts();
    expect(after.intake.valuesNotShown - beforeCo2).toBe(1);
    expect(after.intake.unsupportedMessages - before.intake.unsupportedMessages).toBe(1);
    expect(after.intake.valuesSkipped - before.intake.valuesSkipped).toBeGreaterThanOrEqual(4);
    expect(await send(monitorSecond(MONITOR, 'BED04', '4B', 'B-3'))).toEqual({ code: 'AA', error: '' });
  });
});
