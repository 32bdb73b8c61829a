/**
 * The gateway's FHIR R4 API (issue 16), spoken to by a FHIR client library that is not ours (fhir-kit-client): the
 * CapabilityStatement; a clinician's token reads and searches Patients, Devices, Observations (a ward bed's numerics
 * now and its one-minute trends, a remote patient's home readings) and Flags (alarms); a home device, enrolled by a
 * nurse, trades its secret for a token and creates a blood-pressure reading that raises HOME BP HIGH at the
 * station. Bad resources get an OperationOutcome with the reason and nothing is stored; tokens are held to their
 * scopes. Every resource served is validated against R4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { Client } from 'fhir-kit-client';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { DEFAULT_REMOTE_THRESHOLDS } from '../../../common/wire/remote-patients';
import type { AlarmSnapshot } from '../../../common/alarms/alarm-model';
import type { GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import type { GatewayServer } from '../../../gateway/gateway-server';
import { startSimulatedGateway } from '../../support/simulated-gateway';
import { bloodPressureObservation } from '../../support/fhir-observations';
import { createFhirValidator } from '../../../gateway/fhir/fhir-validator';
import { wardPatientId } from '../../../gateway/fhir/fhir-resources';
import { signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';

let identity: GatewayIdentity;
let gateway: GatewayServer;
let nurse: Socket;
let reader: Client;
/** The minute of bed-01's trend the test writes (the gateway's own recorder may add the current minute's). */
let writtenMinuteMs: number;
const validator = createFhirValidator();
const base = () => `${gateway.url}/fhir`;

type Resource = Record<string, unknown> & { resourceType: string; id?: string };
type Bundle = Resource & { total: number; entry?: { resource: Resource }[]; link: { relation: string; url: string }[] };

/** Every resource served is valid R4: the bundle itself and each entry. */
async function expectValid(resource: Resource): Promise<void> {
  expect(await validator.validate(resource)).toEqual([]);
  for (const entry of (resource as Bundle).entry ?? []) expect(await validator.validate(entry.resource)).toEqual([]);
}

/** The HTTP status and body of a failed fhir-kit-client call. */
async function failure(call: Promise<unknown>): Promise<{ status: number; data: Resource }> {
  try {
    await call;
  } catch (error) {
    const { response } = error as { response: { status: number; data: unknown } };
    return {
      status: response.status,
      data: (typeof response.data === 'string' ? JSON.parse(response.data) : response.data) as Resource,
    };
  }
  throw new Error('the call succeeded');
}

const bloodPressure = bloodPressureObservation;

beforeAll(async () => {
  ({ gateway, identity } = await startSimulatedGateway({ beds: 2 }));
  const grant = await signInDemo(gateway.url, 'nurse');
  nurse = await welcomed(socketWithToken(gateway.url, grant.accessToken));
  await nurse.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: false });
  reader = new Client({ baseUrl: base(), bearerToken: grant.accessToken });
  // A minute of bed-01's trend, as the recorder writes it.
  const minuteMs = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
  writtenMinuteMs = minuteMs;
  await (
    await identity.stores
  ).trends.write([
    { bedId: 'bed-01', key: 'HR', minuteMs, median: 72, min: 70, max: 75, count: 60 },
    { bedId: 'bed-01', key: 'NIBP_SYS', minuteMs, median: 121, min: 121, max: 121, count: 1 },
    { bedId: 'bed-01', key: 'NIBP_DIA', minuteMs, median: 78, min: 78, max: 78, count: 1 },
  ]);
}, 60_000);

afterAll(async () => {
  nurse?.close();
  await gateway?.close();
  await identity?.close();
  await validator.close();
});

describe('the FHIR API', () => {
  it('says what it serves in its CapabilityStatement, to anyone', async () => {
    const capability = (await new Client({ baseUrl: base() }).capabilityStatement()) as Resource;
    await expectValid(capability);
    expect(capability).toMatchObject({ fhirVersion: '4.0.1', kind: 'instance' });
    const types = (capability.rest as { resource: { type: string }[] }[])[0]?.resource.map((entry) => entry.type);
    expect(types).toEqual(['Patient', 'Device', 'Observation', 'Flag']);
  }, 60_000);

  it('reads a ward patient, their monitor, and their numerics now and as one-minute trends', async () => {
    // Bed 1's monitor names its patient; the patient is found again by MRN.
    const monitor = (await reader.read({ resourceType: 'Device', id: 'monitor.bed-01' })) as Resource;
    await expectValid(monitor);
    const fromMonitor = (monitor.patient as { reference: string }).reference.split('/')[1] ?? '';
    const byId = (await reader.read({ resourceType: 'Patient', id: fromMonitor })) as Resource;
    const mrn = (byId.identifier as { value: string }[])[0]?.value ?? '';
    const patients = (await reader.search({ resourceType: 'Patient', searchParams: { identifier: mrn } })) as Bundle;
    await expectValid(patients);
    expect(patients.total).toBe(1);
    const patientId = wardPatientId(mrn);
    expect(patients.entry?.[0]?.resource.id).toBe(patientId);
    await expectValid((await reader.read({ resourceType: 'Patient', id: patientId })) as Resource);
    const devices = (await reader.search({ resourceType: 'Device', searchParams: { patient: patientId } })) as Bundle;
    await expectValid(devices);
    expect(devices.total).toBe(1);
    // Numerics arrive once a second; then the patient's Observations are their values now and the trend minute.
    await expect
      .poll(
        async () =>
          ((await reader.search({ resourceType: 'Observation', searchParams: { patient: patientId } })) as Bundle)
            .total,
      )
      .toBeGreaterThan(2);
    const observations = (await reader.search({
      resourceType: 'Observation',
      searchParams: { patient: `Patient/${patientId}`, _count: 100 },
    })) as Bundle;
    await expectValid(observations);
    const codes = observations.entry?.map(
      (entry) => (entry.resource.code as { coding: { code: string }[] }).coding[0]?.code,
    );
    expect(codes).toEqual(expect.arrayContaining(['8867-4', '59408-5', '85354-9']));
    // The minute written above; a slow run that crosses a minute boundary also sees the recorder's own minute.
    const trendMinutes =
      observations.entry?.filter(
        (entry) =>
          String(entry.resource.id).startsWith('t.') &&
          (entry.resource.effectivePeriod as { start?: string } | undefined)?.start ===
            new Date(writtenMinuteMs).toISOString(),
      ) ?? [];
    expect(
      trendMinutes.map((entry) => (entry.resource.code as { coding: { code: string }[] }).coding[0]?.code).sort(),
    ).toEqual(['85354-9', '8867-4']);
    const panel = trendMinutes.find((entry) => entry.resource.component !== undefined)?.resource;
    expect(panel?.component).toMatchObject([{ valueQuantity: { value: 121 } }, { valueQuantity: { value: 78 } }]);
    // Paging: _count 2 gives two and a link to the next page, which fhir-kit-client follows.
    const first = (await reader.search({
      resourceType: 'Observation',
      searchParams: { patient: patientId, _count: 2 },
    })) as Bundle;
    expect(first.entry).toHaveLength(2);
    const second = (await reader.nextPage({ bundle: first as never })) as Bundle;
    expect(second.entry?.[0]?.resource.id).not.toBe(first.entry?.[0]?.resource.id);
    // A date range before the trend minute has no trend rows and no current values.
    const old = (await reader.search({
      resourceType: 'Observation',
      searchParams: { patient: patientId, date: 'le2020-01-01' },
    })) as Bundle;
    expect(old.total).toBe(0);
  }, 60_000);

  it('takes a home device’s blood pressure, raises HOME BP HIGH, and serves it back', async () => {
    const enrolled = (await nurse.emitWithAck(WARD_EVENTS.enrollRemote, {
      mrn: 'H-100234',
      name: 'OKAFOR, Grace',
      birthDate: '1948-03-02',
      thresholds: DEFAULT_REMOTE_THRESHOLDS,
      schedule: { 'blood-pressure': 26 },
    })) as { ok: boolean; value: { patientId: string } };
    expect(enrolled.ok).toBe(true);
    const patientId = enrolled.value.patientId;
    const registered = (await nurse.emitWithAck(WARD_EVENTS.registerRemoteDevice, {
      patientId,
      model: 'A&D UA-651BLE',
    })) as {
      value: { deviceId: string; secret: string };
    };
    const { deviceId, secret } = registered.value;
    const tokenAnswer = await fetch(`${base()}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: deviceId, client_secret: secret }),
    });
    expect(tokenAnswer.status).toBe(200);
    const { access_token: deviceToken, scope } = (await tokenAnswer.json()) as { access_token: string; scope: string };
    expect(scope).toBe('system/Observation.write');
    const device = new Client({ baseUrl: base(), bearerToken: deviceToken });

    // Bad resources: the reason, where, and nothing stored.
    const noStatus = await failure(
      device.create({ resourceType: 'Observation', body: { ...bloodPressure(190, 100), status: undefined } as never }),
    );
    expect(noStatus.status).toBe(400);
    expect(noStatus.data).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid' }],
    });
    expect(JSON.stringify(noStatus.data)).toMatch(/status/);
    const wrongUnit = await failure(
      device.create({ resourceType: 'Observation', body: bloodPressure(190, 100, 'kPa') as never }),
    );
    expect(wrongUnit.data).toMatchObject({ issue: [{ code: 'business-rule' }] });
    expect(wrongUnit.status).toBe(422);
    expect((wrongUnit.data.issue as { diagnostics: string }[])[0]?.diagnostics).toMatch(/unit "kPa" is not one of/);
    const someoneElse = await failure(
      device.create({
        resourceType: 'Observation',
        body: { ...bloodPressure(190, 100), subject: { reference: 'Patient/rp-other' } } as never,
      }),
    );
    expect(someoneElse.status).toBe(403);
    expect(
      (await failure(reader.create({ resourceType: 'Observation', body: bloodPressure(190, 100) as never }))).status,
    ).toBe(403);
    expect((await failure(device.search({ resourceType: 'Patient' }))).status).toBe(403);
    expect((await failure(new Client({ baseUrl: base() }).search({ resourceType: 'Patient' }))).status).toBe(401);
    const none = (await reader.search({ resourceType: 'Observation', searchParams: { patient: patientId } })) as Bundle;
    expect(none.total).toBe(0);

    // The station hears of the alert in the snapshot that follows the upload.
    const raised = new Promise<AlarmSnapshot['alarms'][number]>((resolve) => {
      const look = (snapshot: AlarmSnapshot): void => {
        const found = snapshot.alarms.find((candidate) => candidate.condition === 'HOME_BP_HIGH');
        if (found !== undefined) {
          nurse.off(WARD_EVENTS.alarms, look);
          resolve(found);
        }
      };
      nurse.on(WARD_EVENTS.alarms, look);
    });
    const created = (await device.create({
      resourceType: 'Observation',
      body: bloodPressure(186, 98) as never,
    })) as Resource;
    await expectValid(created);
    expect(created).toMatchObject({
      subject: { reference: `Patient/${patientId}` },
      device: { reference: `Device/${deviceId}` },
    });
    const alarm = await raised;
    expect(alarm).toMatchObject({
      category: 'advisory',
      bedLabel: 'Home · OKAFOR, Grace',
      patient: { mrn: 'H-100234' },
    });
    expect(alarm.message).toMatch(/^BP 186\/98 > 180 \(\d+ min ago\)$/);

    const readings = (await reader.search({
      resourceType: 'Observation',
      searchParams: { patient: patientId, code: '85354-9' },
    })) as Bundle;
    await expectValid(readings);
    expect(readings.total).toBe(1);
    await expectValid((await reader.read({ resourceType: 'Observation', id: String(created.id) })) as Resource);
    const flags = (await reader.search({
      resourceType: 'Flag',
      searchParams: { patient: patientId, status: 'active' },
    })) as Bundle;
    await expectValid(flags);
    expect(flags.entry?.[0]?.resource).toMatchObject({ code: { coding: [{ code: 'HOME_BP_HIGH' }] } });
    const homeDevices = (await reader.search({
      resourceType: 'Device',
      searchParams: { patient: patientId },
    })) as Bundle;
    await expectValid(homeDevices);
    expect(homeDevices.entry?.[0]?.resource.id).toBe(deviceId);
  }, 60_000);

  it('refuses a wrong device secret and an unknown resource type', async () => {
    const answer = await fetch(`${base()}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'rd-nobody', client_secret: 'guess' }),
    });
    expect(answer.status).toBe(401);
    await expectValid((await answer.json()) as Resource);
    const unknown = await failure(reader.search({ resourceType: 'MedicationRequest' }));
    expect(unknown.status).toBe(404);
    await expectValid(unknown.data);
  });
});
