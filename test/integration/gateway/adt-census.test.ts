/**
 * ADT into a real gateway (issue 15), sent with Medplum's HL7 client: an admission puts the patient on the bed's
 * census at every station; the bed's alarms carry who they were about; a transfer moves the patient and the bed
 * they left raises no physiological alarm (its VF alarm ends, though the monitor still shows VF); the history
 * finds the patient's alarms by MRN across beds; an admission to no bed of this ward is AE 204.
 */
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WARD_EVENTS, type Census } from '../../../common/wire/ward-messages';
import type { AlarmSnapshot } from '../../../common/alarms/alarm-model';
import type { WardGateway } from '../../../gateway/ward-gateway';
import { adminSocket, signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { hl7Fixture, startHl7Gateway } from '../../support/hl7-ward';
import { waitFor } from '../../support/wait-for';

let gateway: WardGateway;
let adt: Hl7Client;
let nurse: Socket;
let admin: Socket;
let census: Census | null = null;
let snapshot: AlarmSnapshot | null = null;

const fixture = hl7Fixture;
const send = async (text: string): Promise<{ code: string; error: string }> => {
  const ack = await adt.sendAndWait(Hl7Message.parse(text), { timeoutMs: 5000 });
  return {
    code: ack.getSegment('MSA')?.getField(1)?.toString() ?? '',
    error: ack.getSegment('ERR')?.getComponent(3, 1) ?? '',
  };
};
const patientOf = (bedId: string) => census?.beds.find((bed) => bed.bedId === bedId)?.patient;

beforeAll(async () => {
  gateway = await startHl7Gateway({ ward: { beds: 2 } });
  const grant = await signInDemo(gateway.server.url, 'nurse');
  nurse = socketWithToken(gateway.server.url, grant.accessToken);
  nurse.on(WARD_EVENTS.census, (value: Census) => (census = value));
  nurse.on(WARD_EVENTS.alarms, (value: AlarmSnapshot) => (snapshot = value));
  await welcomed(nurse);
  admin = await adminSocket(gateway.server.url);
  adt = new Hl7Client({ host: '127.0.0.1', port: gateway.server.hl7Port as number });
}, 60_000);

afterAll(async () => {
  adt?.close();
  nurse?.close();
  admin?.close();
  await gateway?.close();
});

describe('ADT and the census', () => {
  it('admits a patient to bed 2: every station’s census names her', async () => {
    await waitFor('the demo patient of bed 2', () => patientOf('bed-02') ?? undefined);
    expect(await send(fixture('adt-a01-admit.hl7'))).toEqual({ code: 'AA', error: '' });
    const admitted = await waitFor('Nora Reed in bed 2', () =>
      patientOf('bed-02')?.mrn === '55501' ? patientOf('bed-02') : undefined,
    );
    expect(admitted).toMatchObject({ name: 'Nora Reed', sex: 'F', dateOfBirth: '1958-02-14', attending: 'Greg House' });
    expect(admitted?.ageYears).toBeGreaterThanOrEqual(68);
  });

  it('gives her bed’s alarms her name, and after her transfer the bed she left raises no physiological alarm', async () => {
    expect(await admin.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-02', scenario: 'vf' })).toMatchObject({
      ok: true,
    });
    const vf = await waitFor(
      'VF on bed 2',
      () => snapshot?.alarms.find((alarm) => alarm.bedId === 'bed-02' && alarm.condition === 'VF'),
      20_000,
    );
    expect(vf.patient).toEqual({ mrn: '55501', name: 'Nora Reed' });

    expect(await send(fixture('adt-a02-transfer.hl7'))).toEqual({ code: 'AA', error: '' });
    await waitFor('Nora Reed in bed 1', () => patientOf('bed-01')?.mrn === '55501');
    expect(patientOf('bed-02')).toBeNull();
    await waitFor('bed 2’s VF ended', () => !snapshot?.alarms.some((alarm) => alarm.alarmId === vf.alarmId));
    // The simulator still plays VF on bed 2; nobody lies there, so nothing about a patient alarms.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(snapshot?.alarms.filter((alarm) => alarm.bedId === 'bed-02' && alarm.category === 'physiological')).toEqual(
      [],
    );
  }, 40_000);

  it('finds her alarms by MRN in the history, whichever bed they were raised in', async () => {
    // The history reads the journal, written behind the alarms: ask until her alarm is recorded.
    let rows: { bedId: string; patientMrn?: string | null; condition: string }[] = [];
    for (let attempt = 0; attempt < 50 && rows.length === 0; attempt += 1) {
      const reply = (await nurse.emitWithAck(WARD_EVENTS.historyAlarms, {
        fromMs: 0,
        toMs: Date.now() + 60_000,
        patientMrn: '55501',
      })) as { ok: boolean; value?: { rows: typeof rows } };
      rows = reply.value?.rows ?? [];
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(rows.some((row) => row.bedId === 'bed-02' && row.condition === 'VF')).toBe(true);
    expect(rows.every((row) => row.patientMrn === '55501')).toBe(true);
  });

  it('answers AE 204 for an admission to another ward’s bed, and AR for an event it does not follow', async () => {
    expect(await send(fixture('adt-a01-admit.hl7').replace('4B^R02^BED02', '7^R02^BED02'))).toEqual({
      code: 'AE',
      error: '204',
    });
    expect(await send(fixture('adt-a01-admit.hl7').replace(/A01/g, 'A31'))).toEqual({ code: 'AR', error: '201' });
  });
});
