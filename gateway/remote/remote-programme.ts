/**
 * The ward's remote-monitoring programme (issue 16): patients at home enrolled by a clinician with thresholds and a
 * schedule, the devices registered to each (a secret shown once; the device trades it for an hour's bearer token
 * that may only write its own patient's Observations), their readings as they upload them (validated FHIR, stored
 * before they are answered), and the alerts the readings raise — judged on every upload and once a minute, so that
 * a reading that does not come is an alert too. All times are the gateway's clock.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { describeError, type Logger } from '../../common/logging/logger';
import { gatewayOk, gatewayRefusal, type GatewayReply } from '../../common/wire/gateway-reply';
import {
  remoteAlarmBedOf,
  type RemoteDevice,
  type RemotePatient,
  type RemoteReading,
  type RemoteSummary,
} from '../../common/wire/remote-patients';
import type { WardAlarmService } from '../alarms/ward-alarm-service';
import { readingFromObservation, VITAL_CODINGS } from '../fhir/vital-signs';
import { evaluateRemoteAlerts } from './remote-alerts';
import type { RemoteStore, StoredReading } from './remote-store';

/** How long a device's bearer token lives. */
export const DEVICE_TOKEN_SECONDS = 3600;
/** How far back readings are judged: the longest weight window (a week) and schedule (two weeks). */
const JUDGED_SPAN_MS = 14 * 24 * 3_600_000;
/** How many device tokens are held at once (the oldest go first). */
const MAX_DEVICE_TOKENS = 10_000;
const REVIEW_EVERY_MS = 60_000;

/** A device as its bearer token proves it. */
export interface AuthenticatedDevice {
  readonly deviceId: string;
  readonly patientId: string;
}

/** The programme. */
export interface RemoteProgramme {
  /** Resolves once the patients and devices are loaded (and their alerts judged). */
  ready(): Promise<void>;
  patients(): readonly RemotePatient[];
  patient(patientId: string): RemotePatient | undefined;
  devices(patientId?: string): readonly RemoteDevice[];
  /** Every patient with their latest readings and 14 days of each kind, for the station's Remote group. */
  summaries(): Promise<GatewayReply<{ patients: RemoteSummary[] }>>;
  enroll(
    request: Pick<RemotePatient, 'mrn' | 'name' | 'birthDate' | 'thresholds' | 'schedule'>,
    by: string,
  ): Promise<GatewayReply<RemotePatient>>;
  /** Registers a device to a patient: its id and secret, the secret shown this once. */
  registerDevice(patientId: string, model: string): Promise<GatewayReply<{ deviceId: string; secret: string }>>;
  /** A device's secret for a bearer token; null when the pair is not known. */
  issueDeviceToken(deviceId: string, secret: string): { token: string; expiresInSeconds: number } | null;
  /** The device a bearer token belongs to, while it is valid. */
  deviceOfToken(token: string): AuthenticatedDevice | null;
  /**
   * Takes a reading (an Observation already valid R4) from a device: stored, then judged; the stored reading, or
   * why it is not one (the OperationOutcome's expression and words).
   */
  acceptReading(
    device: AuthenticatedDevice,
    resource: Record<string, unknown>,
  ): Promise<
    | { readonly ok: true; readonly stored: StoredReading }
    | { readonly ok: false; readonly status: number; readonly expression: string; readonly diagnostics: string }
  >;
  readings(patientId: string, fromMs: number, toMs: number, limit?: number): Promise<StoredReading[]>;
  reading(readingId: string): Promise<StoredReading | null>;
  stop(): void;
}

const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const randomId = (prefix: string, bytes: number): string => `${prefix}${randomBytes(bytes).toString('hex')}`;

/** Starts the programme over its store (null: a gateway without a database has none). */
export function startRemoteProgramme(options: {
  readonly store: Promise<RemoteStore> | null;
  readonly alarms: Pick<WardAlarmService, 'reviewSubject'>;
  readonly now: () => number;
  readonly logger: Logger;
}): RemoteProgramme {
  const { logger, now } = options;
  let store: RemoteStore | null = null;
  const patients = new Map<string, RemotePatient>();
  const devices = new Map<string, RemoteDevice & { secretHash: string }>();
  const tokens = new Map<string, AuthenticatedDevice & { expiresAtMs: number }>();

  const judge = async (patient: RemotePatient): Promise<void> => {
    if (store === null) return;
    const nowMs = now();
    const readings = (await store.readings(patient.patientId, nowMs - JUDGED_SPAN_MS, nowMs + 3_600_000)).map(
      (stored) => stored.reading,
    );
    options.alarms.reviewSubject(
      {
        bedId: remoteAlarmBedOf(patient.patientId),
        bedLabel: `Home · ${patient.name}`,
        patient: { mrn: patient.mrn, name: patient.name },
      },
      evaluateRemoteAlerts(patient, readings, nowMs),
    );
  };
  const judgeAll = async (): Promise<void> => {
    for (const patient of patients.values())
      await judge(patient).catch((error: unknown) =>
        logger.warn('a remote patient’s readings could not be judged', {
          patientId: patient.patientId,
          reason: describeError(error),
        }),
      );
  };
  const loading = (async () => {
    if (options.store === null) return;
    try {
      store = await options.store;
      const read = await store.patients();
      for (const patient of read.patients) patients.set(patient.patientId, patient);
      for (const device of await store.devices()) devices.set(device.deviceId, device);
      if (read.unreadable > 0)
        logger.error('remote patients that do not read back were skipped', { unreadable: read.unreadable });
      await judgeAll();
    } catch (error) {
      logger.error('the remote programme could not be loaded', { reason: describeError(error) });
    }
  })();
  const timer = setInterval(() => void judgeAll(), REVIEW_EVERY_MS);
  timer.unref?.();
  const unavailable = (): GatewayReply<never> =>
    gatewayRefusal('UNAVAILABLE', 'the gateway database is not open; remote patients are not available yet');
  const publicDevice = ({ secretHash: _hash, ...device }: RemoteDevice & { secretHash: string }): RemoteDevice =>
    device;

  return {
    ready: () => loading,
    patients: () => [...patients.values()],
    patient: (patientId) => patients.get(patientId),
    devices: (patientId) =>
      [...devices.values()]
        .filter((device) => patientId === undefined || device.patientId === patientId)
        .map(publicDevice),
    async summaries() {
      await loading;
      if (store === null) return unavailable();
      const nowMs = now();
      const summaries: RemoteSummary[] = [];
      for (const patient of patients.values()) {
        const stored = await store.readings(patient.patientId, nowMs - JUDGED_SPAN_MS, nowMs + 3_600_000, 2000);
        const latest: RemoteSummary['latest'] = {};
        const recent: RemoteSummary['recent'] = {};
        for (const { reading } of stored) {
          latest[reading.kind] = reading;
          (recent[reading.kind] ??= []).push({ effectiveMs: reading.effectiveMs, value: reading.value });
        }
        summaries.push({
          patient,
          devices: [...devices.values()].filter((device) => device.patientId === patient.patientId).map(publicDevice),
          latest,
          recent,
        });
      }
      return gatewayOk({ patients: summaries });
    },
    async enroll(request, by) {
      await loading;
      if (store === null) return unavailable();
      const patient: RemotePatient = {
        ...request,
        patientId: randomId('rp-', 6),
        enrolledBy: by,
        enrolledAtMs: now(),
      };
      if (!(await store.enroll(patient)))
        return gatewayRefusal('REFUSED', `a remote patient with MRN ${request.mrn} is already enrolled`);
      patients.set(patient.patientId, patient);
      logger.info('remote patient enrolled', { patientId: patient.patientId, by });
      await judge(patient);
      return gatewayOk(patient);
    },
    async registerDevice(patientId, model) {
      await loading;
      if (store === null) return unavailable();
      if (!patients.has(patientId)) return gatewayRefusal('REFUSED', `no remote patient "${patientId}"`);
      const deviceId = randomId('rd-', 8);
      const secret = randomBytes(32).toString('base64url');
      const secretHash = hashOf(secret);
      await store.addDevice({ deviceId, patientId, model }, secretHash);
      devices.set(deviceId, { deviceId, patientId, model, secretHash, lastUploadMs: null });
      logger.info('remote device registered', { deviceId, patientId, model });
      return gatewayOk({ deviceId, secret });
    },
    issueDeviceToken(deviceId, secret) {
      const device = devices.get(deviceId);
      // The same work whether or not the device exists: the answer's time says nothing about which ids are real.
      const expected = Buffer.from(device?.secretHash ?? hashOf('no such device'), 'hex');
      const given = Buffer.from(hashOf(secret), 'hex');
      if (device === undefined || !timingSafeEqual(expected, given)) return null;
      const token = `wwd.${randomBytes(32).toString('base64url')}`;
      if (tokens.size >= MAX_DEVICE_TOKENS) tokens.delete(tokens.keys().next().value as string);
      tokens.set(token, {
        deviceId,
        patientId: device.patientId,
        expiresAtMs: now() + DEVICE_TOKEN_SECONDS * 1000,
      });
      return { token, expiresInSeconds: DEVICE_TOKEN_SECONDS };
    },
    deviceOfToken(token) {
      const entry = tokens.get(token);
      if (entry === undefined) return null;
      if (entry.expiresAtMs <= now()) {
        tokens.delete(token);
        return null;
      }
      return { deviceId: entry.deviceId, patientId: entry.patientId };
    },
    async acceptReading(device, resource) {
      await loading;
      const patient = patients.get(device.patientId);
      if (store === null || patient === undefined)
        return { ok: false, status: 503, expression: '', diagnostics: 'remote patients are not available now' };
      const nowMs = now();
      const read = readingFromObservation(resource, nowMs);
      if (!read.ok) return { ok: false, status: 422, expression: read.expression, diagnostics: read.diagnostics };
      const own = `Patient/${patient.patientId}`;
      if (read.subject !== null && read.subject !== own)
        return {
          ok: false,
          status: 403,
          expression: 'Observation.subject',
          diagnostics: `this device writes only for ${own}, not ${read.subject}`,
        };
      const reading: RemoteReading = {
        readingId: randomId('r-', 10),
        kind: read.kind,
        value: read.value,
        diastolic: read.diastolic,
        unit: VITAL_CODINGS[read.kind].unit,
        effectiveMs: read.effectiveMs,
        deviceId: device.deviceId,
      };
      const stored: StoredReading = {
        patientId: patient.patientId,
        reading,
        receivedMs: nowMs,
        resource: {
          ...resource,
          id: reading.readingId,
          subject: { reference: own, display: patient.name },
          device: { reference: `Device/${device.deviceId}` },
          // The device's own meta (its profile) stays; the time it was stored is ours.
          meta: { ...((resource.meta as object | undefined) ?? {}), lastUpdated: new Date(nowMs).toISOString() },
        },
      };
      await store.addReading(stored);
      const known = devices.get(device.deviceId);
      if (known !== undefined) devices.set(device.deviceId, { ...known, lastUploadMs: nowMs });
      logger.info('home reading', { patientId: patient.patientId, kind: reading.kind, deviceId: device.deviceId });
      await judge(patient).catch((error: unknown) =>
        logger.warn('a remote patient’s readings could not be judged', { reason: describeError(error) }),
      );
      return { ok: true, stored };
    },
    async readings(patientId, fromMs, toMs, limit) {
      await loading;
      return store === null ? [] : store.readings(patientId, fromMs, toMs, limit);
    },
    async reading(readingId) {
      await loading;
      return store === null ? null : store.reading(readingId);
    },
    stop: () => clearInterval(timer),
  };
}
