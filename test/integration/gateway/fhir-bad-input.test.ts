/**
 * Bad input at the FHIR API (issue 16) never crashes the gateway and never stores anything: each kind — no or a
 * forged token, a body that is not JSON, the wrong content type, an oversized body, a method or path the API does
 * not serve, a malformed date, a wrong device secret, a grant that is not client credentials — is its own
 * OperationOutcome (or OAuth error) with the reason, and the API answers the next request as before.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REMOTE_THRESHOLDS } from '../../../common/wire/remote-patients';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { startSimulatedGateway, type SimulatedGateway } from '../../support/simulated-gateway';

let ward: SimulatedGateway;
let readToken: string;
let deviceToken: string;
let patientId: string;
const fhir = (path: string) => `${ward.gateway.url}/fhir${path}`;

beforeAll(async () => {
  ward = await startSimulatedGateway({ beds: 1 });
  const grant = await signInDemo(ward.gateway.url, 'nurse');
  readToken = grant.accessToken;
  const nurse = await welcomed(socketWithToken(ward.gateway.url, grant.accessToken));
  const enrolled = (await nurse.emitWithAck(WARD_EVENTS.enrollRemote, {
    mrn: 'H-BAD-1',
    name: 'TEST, Bad',
    birthDate: null,
    thresholds: DEFAULT_REMOTE_THRESHOLDS,
    schedule: {},
  })) as { value: { patientId: string } };
  patientId = enrolled.value.patientId;
  const device = (await nurse.emitWithAck(WARD_EVENTS.registerRemoteDevice, { patientId, model: 'Scale' })) as {
    value: { deviceId: string; secret: string };
  };
  nurse.close();
  const token = await fetch(fhir('/auth/token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: device.value.deviceId,
      client_secret: device.value.secret,
    }),
  });
  deviceToken = ((await token.json()) as { access_token: string }).access_token;
}, 60_000);

afterAll(async () => {
  await ward?.gateway.close();
  await ward?.identity.close();
});

/** Posts `body` as a device with `contentType`. */
const upload = (body: string, contentType = 'application/fhir+json') =>
  fetch(fhir('/Observation'), {
    method: 'POST',
    headers: { 'Content-Type': contentType, Authorization: `Bearer ${deviceToken}` },
    body,
  });

describe('bad input at /fhir', () => {
  it.each([
    ['no token', () => fetch(fhir('/Patient')), 401, /bearer token is required/],
    [
      'a forged token',
      () => fetch(fhir('/Patient'), { headers: { Authorization: 'Bearer not.a.token' } }),
      401,
      /not valid/,
    ],
    ['a body that is not JSON', () => upload('{"resourceType": "Observ'), 400, /not valid JSON/],
    ['the wrong content type', () => upload('{}', 'text/plain'), 400, /application\/fhir\+json/],
    [
      'an oversized body',
      () => upload(JSON.stringify({ resourceType: 'Observation', note: 'x'.repeat(70_000) })),
      400,
      /larger than/,
    ],
    [
      'a resource that is not an Observation',
      () => upload(JSON.stringify({ resourceType: 'Patient' })),
      422,
      /only Observations/,
    ],
    [
      'a method the API does not serve',
      () => fetch(fhir('/Patient'), { method: 'DELETE', headers: { Authorization: `Bearer ${readToken}` } }),
      405,
      /not supported/,
    ],
    [
      'a path it does not serve',
      () => fetch(fhir('/Patient/x/_history'), { headers: { Authorization: `Bearer ${readToken}` } }),
      404,
      /not known here/,
    ],
    [
      'a malformed date',
      () =>
        fetch(fhir(`/Observation?patient=${patientId}&date=soon`), {
          headers: { Authorization: `Bearer ${readToken}` },
        }),
      400,
      /date "soon"/,
    ],
    [
      'an Observation search without a patient',
      () => fetch(fhir('/Observation'), { headers: { Authorization: `Bearer ${readToken}` } }),
      400,
      /names its patient/,
    ],
    [
      'a grant that is not client credentials',
      () =>
        fetch(fhir('/auth/token'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=password&username=a&password=b',
        }),
      400,
      /client_credentials/,
    ],
  ] as const)('%s', async (_kind, send, status, reason) => {
    const answer = await send();
    expect(answer.status).toBe(status);
    const body = (await answer.json()) as { resourceType: string; issue: { diagnostics: string }[] };
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]?.diagnostics).toMatch(reason);
    // Nothing was stored, and the API still answers.
    const readings = await fetch(fhir(`/Observation?patient=${patientId}`), {
      headers: { Authorization: `Bearer ${readToken}` },
    });
    expect(((await readings.json()) as { total: number }).total).toBe(0);
  });

  it.each(['http://a:99999/fhir/Patient', 'http://[::1/fhir/metadata', '/fhir/%zz/%'])(
    'answers a request target URL parsing refuses (%s) and goes on serving',
    async (target) => {
      const { port } = new URL(ward.gateway.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
        );
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString('latin1')));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 (400|401|404) /);
      expect((await fetch(fhir('/metadata'))).status).toBe(200);
    },
  );
});
