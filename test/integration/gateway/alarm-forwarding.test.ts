/**
 * WardWatch as the Alarm Reporter (issue 15), on real sockets: a gateway forwards every change of an alarm as
 * PCD-04 to the test Alarm Manager — raised, acknowledged by a nurse (inactivation alert-acknowledged), ended —
 * and the manager's PCD-05 replies (received, delivered to Ana Nurse's phone, read, accepted) appear on the alarm
 * at the stations and on its history timeline. A manager that is not there is PHONE ALERTS FAILING at every
 * station until it acknowledges again. PCD-05 as ORA^R41 with the recipient in OBX-16 is read too.
 */
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { readPcd05Status } from '../../../gateway/hl7/pcd05-status';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import type { AlarmSnapshot } from '../../../common/alarms/alarm-model';
import type { WardGateway } from '../../../gateway/ward-gateway';
import { startTestAlarmManager, type TestAlarmManager } from '../../../gateway/tools/test-alarm-manager';
import { signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { hl7Fixture, startHl7Gateway, startHl7Receiver, type Hl7Receiver } from '../../support/hl7-ward';
import { waitFor } from '../../support/wait-for';
import { freePort } from '../../support/free-port';

let gateway: WardGateway;
let manager: TestAlarmManager | null = null;
let managerPort: number;
let pump: Hl7Client;
let nurse: Socket;
let snapshot: AlarmSnapshot | null = null;
/** The pump vendor's gateway (Medplum's HL7 server): where the pump's alarms get their status back. */
let pumpGateway: Hl7Receiver;
let pumpStatus: Hl7Message[] = [];
const gatewayLog = createRecordingLogger();

const fixture = hl7Fixture;
/** The pump's occlusion, at this ward's bed 2 (a device-fed bed). */
const occlusion = (phase: string, controlId: string): string =>
  fixture('pcd04-pump-occlusion-deprecated.hl7')
    .replace('|7^^12', '|4B^^BED02')
    .replace('BB-55', controlId)
    .replace('|continue|', `|${phase}|`);

async function startManager(): Promise<TestAlarmManager> {
  manager = await startTestAlarmManager({
    port: managerPort,
    replyTo: { host: '127.0.0.1', port: gateway.server.hl7Port as number },
    recipient: { given: 'Ana', family: 'Nurse', phone: '4411' },
    timing: { deliveredS: 0.2, readS: 0.4, acceptedS: 0.6 },
    logger: createRecordingLogger(),
  });
  return manager;
}

beforeAll(async () => {
  managerPort = await freePort();
  pumpGateway = await startHl7Receiver();
  pumpStatus = pumpGateway.messages;
  gateway = await startHl7Gateway({
    ward: { beds: 1, deviceBeds: 1 },
    alarmManager: { host: '127.0.0.1', port: managerPort },
    deviceAlarmStatus: { host: '127.0.0.1', port: pumpGateway.port },
    logger: gatewayLog,
  });
  const grant = await signInDemo(gateway.server.url, 'nurse', 'Desk 1');
  nurse = socketWithToken(gateway.server.url, grant.accessToken, 'station', 'Desk 1');
  nurse.on(WARD_EVENTS.alarms, (value: AlarmSnapshot) => (snapshot = value));
  await welcomed(nurse);
  pump = new Hl7Client({ host: '127.0.0.1', port: gateway.server.hl7Port as number });
}, 60_000);

afterAll(async () => {
  pump?.close();
  nurse?.close();
  await manager?.close();
  await gateway?.close();
  await pumpGateway?.stop();
});

const send = async (text: string): Promise<string> =>
  (await pump.sendAndWait(Hl7Message.parse(text), { timeoutMs: 5000 })).getSegment('MSA')?.getField(1)?.toString() ??
  '';
const call = <T>(event: string, payload: unknown): Promise<T> =>
  new Promise((resolve) => nurse.emit(event, payload, resolve));
const forwardingFailure = () => snapshot?.alarms.find((alarm) => alarm.condition === 'ALARM_FORWARDING_FAILURE');

describe('alarms forwarded to an alarm manager', () => {
  it('says PHONE ALERTS FAILING at every station while the manager is not there, and stops once it answers', async () => {
    const failing = await waitFor('PHONE ALERTS FAILING', forwardingFailure);
    expect(failing).toMatchObject({ bedId: 'gateway', category: 'technical', priority: 'MEDIUM' });
    expect(failing.message).toMatch(/^alarm manager 127\.0\.0\.1:\d+: cannot reach/);
    await startManager();
    // The next alarm (the pump's PV1-3 names bed 2) goes through and clears the failure: the reporter reconnects.
    expect(await send(occlusion('start', 'P-1'))).toBe('AA');
    await waitFor('the failure resolved', () => !forwardingFailure(), 15_000);
  }, 30_000);

  it('forwards raise, acknowledgment and end, and shows the phone’s replies on the alarm and its history', async () => {
    const alarm = await waitFor('the occlusion', () =>
      snapshot?.alarms.find((candidate) => candidate.bedId === 'bed-02'),
    );
    await waitFor('the manager got the start', () =>
      manager?.received().find((entry) => entry.alarmId === alarm.alarmId),
    );
    const accepted = await waitFor('accepted by Ana Nurse', () =>
      snapshot?.alarms
        .find((candidate) => candidate.alarmId === alarm.alarmId)
        ?.notifications?.find((notification) => notification.status === 'accepted'),
    );
    expect(accepted.recipient).toBe('Ana Nurse (phone 4411)');
    const statuses = snapshot?.alarms
      .find((candidate) => candidate.alarmId === alarm.alarmId)
      ?.notifications?.map((notification) => notification.status);
    expect(statuses).toEqual(['received', 'delivered', 'read', 'accepted']);

    const ack = await call<{ ok: boolean }>(WARD_EVENTS.acknowledgeAlarm, {
      alarmId: alarm.alarmId,
      idempotencyKey: 'ack-forwarded-1',
    });
    expect(ack).toMatchObject({ ok: true });
    await waitFor('the manager got the acknowledgment', () =>
      manager
        ?.received()
        .find((entry) => entry.alarmId === alarm.alarmId && entry.inactivation === 'alert-acknowledged'),
    );
    // The pump's own alarm got its status back (PCD-05): delivered to the central station, accepted by the nurse.
    const atPump = await waitFor('delivered and accepted at the pump', () => {
      const reports = pumpStatus.flatMap((message) => readPcd05Status(message).reports);
      return reports.length >= 2 ? reports : undefined;
    });
    expect(atPump).toEqual([
      { alarmId: 'PUMP-OCC-9', status: 'delivered', recipient: 'WardWatch central station (Ward 4B)' },
      { alarmId: 'PUMP-OCC-9', status: 'accepted', recipient: 'Demo Nurse (Desk 1 [not enrolled: 127.0.0.1])' },
    ]);
    expect(await send(occlusion('end', 'P-2'))).toBe('AA');
    await waitFor('the manager got the end', () =>
      manager?.received().find((entry) => entry.alarmId === alarm.alarmId && entry.phase === 'end'),
    );
    expect(
      manager
        ?.received()
        .filter((entry) => entry.alarmId === alarm.alarmId)
        .map((entry) => [entry.phase, entry.priority, entry.inactivation]),
    ).toEqual([
      ['start', 'PH', 'enabled'],
      ['update', 'PH', 'alert-acknowledged'],
      ['end', 'PH', 'alert-acknowledged'],
    ]);

    // The history reads the journal, which is written behind the alarm: ask until the end is recorded.
    let detail: { timeline: { kind: string; note?: string | null }[] } | undefined;
    for (let attempt = 0; attempt < 50 && !detail?.timeline.some((event) => event.kind === 'resolved'); attempt += 1) {
      const reply = await call<{ ok: boolean; value?: { timeline: { kind: string; note?: string | null }[] } }>(
        WARD_EVENTS.historyDetail,
        { alarmId: alarm.alarmId },
      );
      detail = reply.value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (detail === undefined) throw new Error('no history detail');
    expect(detail.timeline.filter((event) => event.kind === 'notified').map((event) => event.note)).toEqual([
      'received · Ana Nurse (phone 4411)',
      'delivered · Ana Nurse (phone 4411)',
      'read · Ana Nurse (phone 4411)',
      'accepted · Ana Nurse (phone 4411)',
    ]);
  }, 30_000);

  it('reads PCD-05 sent as ORA^R41 with the recipient in OBX-16, and answers AE for a status it does not know', async () => {
    expect(await send(occlusion('start', 'P-3'))).toBe('AA');
    const alarm = await waitFor('a new occlusion', () =>
      snapshot?.alarms.find((candidate) => candidate.bedId === 'bed-02' && candidate.acknowledged === null),
    );
    const ora = fixture('pcd05-accepted-ora-r41.hl7').replace('a-ALARM-ID', alarm.alarmId);
    expect(await send(ora)).toBe('AA');
    // The test manager plays Ana Nurse's phone for this alarm too; Ben Charge's acceptance is the other manager's.
    const notification = await waitFor('the ORA^R41 status', () =>
      snapshot?.alarms
        .find((candidate) => candidate.alarmId === alarm.alarmId)
        ?.notifications?.find((candidate) => candidate.recipient === 'Ben Charge'),
    );
    expect(notification.status).toBe('accepted');
    expect(await send(ora.replace('Accepted by user', 'Teleported'))).toBe('AE');
  });
});
