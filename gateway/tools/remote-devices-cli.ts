/**
 * `npm run remote:simulate -- [--gateway http://127.0.0.1:8420] [--user demo.nurse] [--demo] [--days 10]
 * [--live [--interval 60]]`: home devices for three remote patients, uploading the readings they would take as
 * FHIR R4 Observations to the gateway's `/fhir`. A nurse signs in (her password from standard input; `--demo` uses
 * the demo ward's nurse), enrolls the patients if they are not yet, registers a device for each and uploads
 * `--days` days of history, as a cuff or a scale synchronises what it stored:
 *   - OKAFOR, Grace (heart failure): BP and weight each morning; over the last days her weight climbs and her
 *     pressure rises — HOME WEIGHT GAIN, then HOME BP HIGH;
 *   - LINDQVIST, Erik (diabetes): glucose three times a day, in range — until he stops measuring two days ago:
 *     HOME READING MISSED;
 *   - MARTINS, Ana (COPD): SpO2 and pulse twice a day, stable: no alert.
 * With `--live` each patient goes on measuring, one reading every `--interval` seconds, Grace still worsening.
 */
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { createConsoleLogger, describeError } from '../../common/logging/logger';
import { AUTH_PATHS } from '../../common/wire/gateway-auth';
import { GATEWAY_PROTOCOL_VERSION, type GatewayHello } from '../../common/wire/gateway-handshake';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import {
  DEFAULT_REMOTE_THRESHOLDS,
  type ReadingKind,
  type RemoteSchedule,
  type RemoteSummary,
} from '../../common/wire/remote-patients';
import { bloodPressureComponents, codeOf, quantityOf, VITAL_CODINGS, VITAL_SIGNS_CATEGORY } from '../fhir/vital-signs';
import { readSecret } from './read-secret';

const logger = createConsoleLogger('remote-devices');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A patient of the simulation and what they measure. */
interface SimulatedPatient {
  readonly mrn: string;
  readonly name: string;
  readonly birthDate: string;
  readonly schedule: RemoteSchedule;
  readonly device: string;
  /** The readings taken at `atMs`, `days` days before the end (0: today; negative: the future, live). */
  readonly readingsAt: (
    daysBeforeEnd: number,
    random: () => number,
  ) => { kind: ReadingKind; value: number; dia?: number }[];
  /** Hours of the day the patient measures. */
  readonly hours: readonly number[];
  /** Days before the end after which the patient stops measuring (0: never stops). */
  readonly stopsDaysBeforeEnd: number;
}

const PATIENTS: readonly SimulatedPatient[] = [
  {
    mrn: 'H-900001',
    name: 'OKAFOR, Grace',
    birthDate: '1946-05-11',
    schedule: { 'blood-pressure': 26, weight: 30 },
    device: 'A&D UA-651BLE cuff + UC-352BLE scale',
    hours: [8],
    stopsDaysBeforeEnd: 0,
    readingsAt: (days, random) => {
      // Fluid retention over the last four days: +1.2 kg a day, pressure rising with it.
      const worsening = Math.max(0, 4 - days);
      return [
        { kind: 'weight', value: 78.2 + 1.2 * worsening + (random() - 0.5) * 0.4 },
        {
          kind: 'blood-pressure',
          value: 142 + 15 * worsening + (random() - 0.5) * 8,
          dia: 84 + 4 * worsening + (random() - 0.5) * 6,
        },
      ];
    },
  },
  {
    mrn: 'H-900002',
    name: 'LINDQVIST, Erik',
    birthDate: '1958-11-23',
    schedule: { glucose: 12 },
    device: 'Roche Accu-Chek Guide',
    hours: [7, 12, 19],
    stopsDaysBeforeEnd: 2,
    readingsAt: (_days, random) => [{ kind: 'glucose', value: 110 + random() * 70 }],
  },
  {
    mrn: 'H-900003',
    name: 'MARTINS, Ana',
    birthDate: '1951-02-07',
    schedule: { spo2: 14, pulse: 14 },
    device: 'Nonin 3230 oximeter',
    hours: [9, 21],
    stopsDaysBeforeEnd: 0,
    readingsAt: (_days, random) => [
      { kind: 'spo2', value: 93 + Math.round(random() * 2) },
      { kind: 'pulse', value: 78 + Math.round(random() * 10) },
    ],
  },
];

/** A seeded PRNG (mulberry32): the same history every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Observation a home device sends. */
function homeObservation(kind: ReadingKind, value: number, atMs: number, diastolic?: number): object {
  const coding = VITAL_CODINGS[kind];
  const observation: Record<string, unknown> = {
    resourceType: 'Observation',
    meta: { profile: [`http://hl7.org/fhir/StructureDefinition/${coding.profile}`] },
    status: 'final',
    category: [VITAL_SIGNS_CATEGORY],
    code: codeOf(coding),
    effectiveDateTime: new Date(atMs).toISOString(),
  };
  if (kind === 'blood-pressure') observation.component = bloodPressureComponents(value, diastolic ?? null);
  else observation.valueQuantity = quantityOf(value, coding);
  return observation;
}

async function post(url: string, body: object, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

function ask<T>(socket: Socket, event: string, payload: object): Promise<T> {
  return (socket.emitWithAck(event, payload) as Promise<{ ok: boolean; value?: T; error?: { message: string } }>).then(
    (reply) => {
      if (!reply.ok) throw new Error(reply.error?.message ?? `${event} refused`);
      return reply.value as T;
    },
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string', default: 'http://127.0.0.1:8420' },
      user: { type: 'string', default: 'demo.nurse' },
      demo: { type: 'boolean', default: false },
      days: { type: 'string', default: '10' },
      live: { type: 'boolean', default: false },
      interval: { type: 'string', default: '60' },
    },
    strict: true,
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 0 || days > 14) throw new Error('--days takes 0 to 14');
  const gateway = values.gateway.replace(/\/$/, '');
  const password = values.demo ? 'demo-nurse-4B' : await readSecret(`password of ${values.user}: `);
  const signIn = await post(
    `${gateway}${AUTH_PATHS.signIn}`,
    { username: values.user, password, stationName: 'remote device simulator', staySignedIn: false },
    { 'Content-Type': 'application/json' },
  );
  if (signIn.status !== 200) throw new Error(`sign-in refused: ${await signIn.text()}`);
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const hello: GatewayHello = {
    protocol: GATEWAY_PROTOCOL_VERSION,
    client: 'station',
    stationName: 'remote device simulator',
    token: accessToken,
  };
  const socket = io(gateway, { auth: hello, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('welcome', () => resolve());
    socket.once('connect_error', reject);
  });
  const { patients: enrolled } = await ask<{ patients: RemoteSummary[] }>(socket, WARD_EVENTS.listRemote, {});
  const endMs = Date.now();
  const devices: { patient: SimulatedPatient; token: string; random: () => number }[] = [];
  for (const [index, patient] of PATIENTS.entries()) {
    const existing = enrolled.find((summary) => summary.patient.mrn === patient.mrn)?.patient;
    const record =
      existing ??
      (await ask<{ patientId: string }>(socket, WARD_EVENTS.enrollRemote, {
        mrn: patient.mrn,
        name: patient.name,
        birthDate: patient.birthDate,
        thresholds: DEFAULT_REMOTE_THRESHOLDS,
        schedule: patient.schedule,
      }));
    const { deviceId, secret } = await ask<{ deviceId: string; secret: string }>(
      socket,
      WARD_EVENTS.registerRemoteDevice,
      { patientId: record.patientId, model: patient.device },
    );
    const token = await fetch(`${gateway}/fhir/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: deviceId, client_secret: secret }),
    });
    if (token.status !== 200) throw new Error(`device token refused: ${await token.text()}`);
    const { access_token } = (await token.json()) as { access_token: string };
    devices.push({ patient, token: access_token, random: seeded(index + 1) });
    logger.info('device ready', { patient: patient.name, patientId: record.patientId, deviceId });
  }
  socket.close();

  const upload = async (entry: (typeof devices)[number], daysBeforeEnd: number, atMs: number): Promise<void> => {
    for (const reading of entry.patient.readingsAt(daysBeforeEnd, entry.random)) {
      const answer = await post(
        `${gateway}/fhir/Observation`,
        homeObservation(reading.kind, reading.value, atMs, reading.dia),
        { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${entry.token}` },
      );
      if (answer.status !== 201)
        logger.warn('upload refused', { patient: entry.patient.name, answer: await answer.text() });
    }
  };
  let uploaded = 0;
  for (const entry of devices) {
    // The history newest first: the alerts are right from the first upload (oldest first, the first old reading
    // would look like days of silence until the newer ones arrived).
    const moments: { daysBeforeEnd: number; atMs: number }[] = [];
    const firstDay = Math.floor((endMs - days * DAY) / DAY) * DAY;
    for (let day = firstDay; day <= endMs; day += DAY) {
      const daysBeforeEnd = Math.round((endMs - day) / DAY);
      if (entry.patient.stopsDaysBeforeEnd > 0 && daysBeforeEnd < entry.patient.stopsDaysBeforeEnd) continue;
      for (const hour of entry.patient.hours) {
        const atMs = day + hour * HOUR + Math.round(entry.random() * 20 * 60_000);
        if (atMs <= endMs && atMs >= endMs - days * DAY) moments.push({ daysBeforeEnd, atMs });
      }
    }
    for (const moment of moments.reverse()) {
      await upload(entry, moment.daysBeforeEnd, moment.atMs);
      uploaded += 1;
    }
  }
  console.log(`uploaded ${uploaded} measurements of ${devices.length} patients over ${days} days`);
  if (!values.live) return;
  const intervalMs = Number(values.interval) * 1000;
  let step = 0;
  const timer = setInterval(() => {
    step += 1;
    for (const entry of devices) {
      if (entry.patient.stopsDaysBeforeEnd > 0) continue;
      void upload(entry, -step, Date.now()).catch((error: unknown) =>
        logger.warn('upload failed', { reason: describeError(error) }),
      );
    }
  }, intervalMs);
  process.on('SIGINT', () => {
    clearInterval(timer);
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  logger.error('the remote device simulator stopped', { reason: describeError(error) });
  process.exitCode = 1;
});
