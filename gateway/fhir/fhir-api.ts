/**
 * The gateway's FHIR R4 API at `/fhir` (issue 16): `metadata` for anyone; reads and searches of Patient, Device,
 * Observation and Flag with a bearer token from the gateway's sign-in (a clinician's or an admin's: scope
 * `patient/*.read`); `POST /fhir/Observation` by a home device with its own token (scope `system/Observation.write`,
 * its patient only), obtained at `POST /fhir/auth/token` with its id and secret (OAuth 2.0 client credentials).
 * Every resource created is validated against R4 (fhir-validator.ts) and read as a reading before anything is
 * stored; whatever is wrong is an OperationOutcome with the reason and where. No request takes the gateway down.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayPerform } from '../../common/identity/permissions';
import type { Principal } from '../../common/identity/principal';
import { describeError, type Logger } from '../../common/logging/logger';
import type { Alarm } from '../../common/alarms/alarm-model';
import { trendRowsOf, type TrendRowMessage } from '../../common/wire/trend-messages';
import type { BedDescription, NumericKey, NumericValues } from '../../common/wire/ward-messages';
import type { DeviceSummary } from '../devices/device-directory';
import { bearerOf } from '../http/bearer-token';
import { readJsonBody, readTextBody } from '../http/json-body';
import type { RemoteProgramme } from '../remote/remote-programme';
import { REMOTE_ALARM_BED_PREFIX } from '../../common/wire/remote-patients';
import type { TrendStore } from '../trends/trend-store';
import type { FhirValidator } from './fhir-validator';
import {
  alarmFlag,
  bedMonitor,
  capabilityStatement,
  currentNumeric,
  hl7Device,
  homeDevice,
  homeReading,
  loincOf,
  operationOutcome,
  remotePatient,
  searchBundle,
  SERVED_TREND_KEYS,
  trendMinute,
  wardPatient,
  wardPatientId,
  WARD_CODINGS,
  type FhirResource,
} from './fhir-resources';

/** What the API reads of the gateway. */
export interface FhirContext {
  readonly version: string;
  /** The ward's beds now, with their patients. */
  readonly beds: () => readonly BedDescription[];
  readonly latestNumerics: (bedId: string) => NumericValues | undefined;
  readonly trends: () => TrendStore | null;
  readonly alarms: () => readonly Alarm[];
  readonly hl7Devices: () => readonly DeviceSummary[];
  readonly remote: RemoteProgramme;
  readonly validator: FhirValidator;
  /** The principal of a sign-in access token, or null. */
  readonly verifyUser: (token: string) => Promise<Principal | null>;
  readonly now: () => number;
  readonly logger: Logger;
}

/** Largest resource a device may send. */
const MAX_FHIR_BODY_BYTES = 64 * 1024;
const DEFAULT_COUNT = 50;
const MAX_COUNT = 1000;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** An answer: HTTP status and a resource. */
interface Answer {
  readonly status: number;
  /** A FHIR resource, or (the token endpoint) OAuth's JSON. */
  readonly resource: FhirResource | Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

const outcome = (status: number, code: string, diagnostics: string, expression?: string): Answer => ({
  status,
  resource: operationOutcome(code, [{ diagnostics, ...(expression === undefined ? {} : { expression }) }]),
});
const notFound = (what: string): Answer => outcome(404, 'not-found', `${what} is not known here`);

/** Handles `/fhir/…`; false for any other path. */
export function handleFhirRequest(request: IncomingMessage, response: ServerResponse, context: FhirContext): boolean {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path !== '/fhir' && !path.startsWith('/fhir/')) return false;
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://gateway');
  } catch {
    // A request target URL parsing refuses (an absolute form with a bad port…) is answered, not thrown.
    response
      .writeHead(400, { 'Content-Type': FHIR_JSON })
      .end(JSON.stringify(operationOutcome('invalid', [{ diagnostics: 'the request URL cannot be read' }])));
    return true;
  }
  const host = request.headers.host ?? 'gateway';
  const scheme = 'encrypted' in request.socket && request.socket.encrypted === true ? 'https' : 'http';
  const base = `${scheme}://${host}/fhir`;
  void route(request, url, base, context)
    .catch((error: unknown): Answer => {
      context.logger.error('FHIR request failed', { path: url.pathname, reason: describeError(error) });
      return outcome(500, 'exception', 'the gateway failed to answer; its log has the details');
    })
    .then((answer) => {
      if (response.headersSent) return;
      response
        .writeHead(answer.status, { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store', ...answer.headers })
        .end(JSON.stringify(answer.resource));
    });
  return true;
}

async function route(request: IncomingMessage, url: URL, base: string, context: FhirContext): Promise<Answer> {
  const parts = url.pathname
    .split('/')
    .filter((part) => part !== '')
    .slice(1);
  const method = request.method ?? 'GET';
  if (parts.length === 1 && parts[0] === 'metadata' && method === 'GET')
    return { status: 200, resource: capabilityStatement(base, context.version, context.now()) };
  if (parts.length === 2 && parts[0] === 'auth' && parts[1] === 'token' && method === 'POST')
    return deviceToken(request, context);
  const token = bearerOf(request);
  if (token === null)
    return {
      ...outcome(401, 'login', 'a bearer token is required (Authorization: Bearer …)'),
      headers: { 'WWW-Authenticate': 'Bearer realm="wardwatch"' },
    };
  const [type, id, ...rest] = parts;
  if (type === 'Observation' && id === undefined && method === 'POST') {
    const device = context.remote.deviceOfToken(token);
    if (device === null)
      return outcome(403, 'forbidden', 'creating Observations needs a device token (scope system/Observation.write)');
    return createObservation(request, device, base, context);
  }
  if (method !== 'GET') return outcome(405, 'not-supported', `${method} ${url.pathname} is not supported`);
  if (context.remote.deviceOfToken(token) !== null)
    return outcome(403, 'forbidden', 'a device token may only create its patient’s Observations (no patient/*.read)');
  const principal = token.startsWith('wwd.') ? null : await context.verifyUser(token);
  if (principal === null)
    return {
      ...outcome(401, 'login', 'the bearer token is not valid (expired, or not from this gateway’s sign-in)'),
      headers: { 'WWW-Authenticate': 'Bearer realm="wardwatch", error="invalid_token"' },
    };
  if (!mayPerform(principal, 'history.read'))
    return outcome(
      403,
      'forbidden',
      'reading patient data needs scope patient/*.read (a signed-in clinician or admin)',
    );
  if (rest.length > 0 || type === undefined) return notFound(url.pathname);
  const search = id === undefined;
  switch (type) {
    case 'Patient':
      return search ? searchPatients(url, base, context) : readPatient(id, context);
    case 'Device':
      return search ? searchDevices(url, base, context) : readDevice(id, context);
    case 'Observation':
      return search ? searchObservations(url, base, context) : readObservation(id, context);
    case 'Flag':
      return search ? searchFlags(url, base, context) : readFlag(id, context);
    default:
      return outcome(404, 'not-supported', `resource type ${type} is not served (see /fhir/metadata)`);
  }
}

/** OAuth 2.0 client credentials for a home device: its id and secret for an hour's bearer token. */
async function deviceToken(request: IncomingMessage, context: FhirContext): Promise<Answer> {
  const body = await readTextBody(request, 4096, ['application/x-www-form-urlencoded', 'application/json']);
  if (typeof body === 'string') return outcome(400, 'invalid', body);
  let fields: Record<string, unknown> = {};
  if ((request.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      const parsed = JSON.parse(body.text) as unknown;
      if (typeof parsed === 'object' && parsed !== null) fields = parsed as Record<string, unknown>;
    } catch {
      return outcome(400, 'invalid', 'the body is not valid JSON');
    }
  } else fields = Object.fromEntries(new URLSearchParams(body.text));
  if (fields.grant_type !== 'client_credentials')
    return outcome(400, 'invalid', 'grant_type must be client_credentials, with client_id and client_secret');
  const issued =
    typeof fields.client_id === 'string' && typeof fields.client_secret === 'string'
      ? context.remote.issueDeviceToken(fields.client_id, fields.client_secret)
      : null;
  if (issued === null) return outcome(401, 'security', 'unknown device or wrong secret');
  return {
    status: 200,
    // OAuth's JSON (RFC 6749 §5.1), not a FHIR resource.
    resource: {
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: issued.expiresInSeconds,
      scope: 'system/Observation.write',
    },
    headers: { 'Content-Type': 'application/json', Pragma: 'no-cache' },
  };
}

async function createObservation(
  request: IncomingMessage,
  device: { deviceId: string; patientId: string },
  base: string,
  context: FhirContext,
): Promise<Answer> {
  const body = await readJsonBody(request, MAX_FHIR_BODY_BYTES, ['application/fhir+json', 'application/json']);
  if (typeof body === 'string') return outcome(400, 'invalid', body);
  const issues = await context.validator.validate(body);
  if (issues.length > 0)
    return {
      status: 400,
      resource: operationOutcome(
        'invalid',
        issues.map((issue) => ({ diagnostics: issue.diagnostics, expression: issue.expression })),
      ),
    };
  const accepted = await context.remote.acceptReading(device, body as Record<string, unknown>);
  if (!accepted.ok)
    return outcome(
      accepted.status,
      accepted.status === 403 ? 'forbidden' : 'business-rule',
      accepted.diagnostics,
      accepted.expression,
    );
  const created = homeReading(accepted.stored.resource);
  return {
    status: 201,
    resource: created,
    headers: { Location: `${base}/Observation/${accepted.stored.reading.readingId}` },
  };
}

/** `_count`, bounded. */
function countOf(url: URL): number {
  const text = url.searchParams.get('_count');
  const count = text === null ? DEFAULT_COUNT : Number(text);
  return Number.isInteger(count) && count >= 0 ? Math.min(count, MAX_COUNT) : DEFAULT_COUNT;
}

/** One page of `all`, as a searchset with a next link. */
function page(url: URL, base: string, all: readonly FhirResource[]): Answer {
  const count = countOf(url);
  const offset = Math.max(0, Number(url.searchParams.get('_offset') ?? 0) || 0);
  const shown = all.slice(offset, offset + count);
  const self = `${base}${url.pathname.slice('/fhir'.length)}${url.search}`;
  let next: string | null = null;
  if (offset + count < all.length) {
    const following = new URL(self);
    following.searchParams.set('_offset', String(offset + count));
    next = following.toString();
  }
  return { status: 200, resource: searchBundle(base, self, shown, all.length, next) };
}

/** Every patient: the ward's (census) and the remote programme's. */
function allPatients(context: FhirContext): FhirResource[] {
  const seen = new Set<string>();
  const patients: FhirResource[] = [];
  for (const bed of context.beds()) {
    if (bed.patient === null || seen.has(bed.patient.mrn)) continue;
    seen.add(bed.patient.mrn);
    patients.push(wardPatient(bed.patient));
  }
  for (const patient of context.remote.patients()) patients.push(remotePatient(patient));
  return patients;
}

function searchPatients(url: URL, base: string, context: FhirContext): Answer {
  const identifier = url.searchParams.get('identifier');
  const id = url.searchParams.get('_id');
  const value = identifier?.includes('|') === true ? identifier.split('|')[1] : identifier;
  const matches = allPatients(context).filter(
    (patient) =>
      (id === null || patient.id === id) &&
      (value === null ||
        ((patient.identifier as { value: string }[] | undefined) ?? []).some((entry) => entry.value === value)),
  );
  return page(url, base, matches);
}

function readPatient(id: string, context: FhirContext): Answer {
  const patient = allPatients(context).find((candidate) => candidate.id === id);
  return patient === undefined ? notFound(`Patient/${id}`) : { status: 200, resource: patient };
}

/** The bed a ward patient lies in, by the Patient id. */
function bedOfPatient(id: string, context: FhirContext): BedDescription | undefined {
  return context.beds().find((bed) => bed.patient !== null && wardPatientId(bed.patient.mrn) === id);
}

/** `Patient/x`, `x`, or a full URL ending in Patient/x: the id. */
function patientParameter(url: URL): string | null {
  const value = url.searchParams.get('patient') ?? url.searchParams.get('subject');
  if (value === null) return null;
  return value.split('/').at(-1) ?? null;
}

function allDevices(context: FhirContext): FhirResource[] {
  return [
    ...context.beds().map(bedMonitor),
    ...context.hl7Devices().map(hl7Device),
    ...context.remote.devices().map(homeDevice),
  ];
}

function searchDevices(url: URL, base: string, context: FhirContext): Answer {
  const patient = patientParameter(url);
  const devices = allDevices(context).filter(
    (device) =>
      patient === null || (device.patient as { reference?: string } | undefined)?.reference === `Patient/${patient}`,
  );
  return page(url, base, devices);
}

function readDevice(id: string, context: FhirContext): Answer {
  const device = allDevices(context).find((candidate) => candidate.id === id);
  return device === undefined ? notFound(`Device/${id}`) : { status: 200, resource: device };
}

/** The `date` parameters as a span (ge/gt/le/lt/eq or none; a bare date is its whole day). */
function dateSpan(url: URL, defaultFromMs: number, nowMs: number): { fromMs: number; toMs: number } | string {
  let fromMs = defaultFromMs;
  let toMs = nowMs + 60_000;
  for (const value of url.searchParams.getAll('date')) {
    const match = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?)$/.exec(value);
    const atMs = match?.[2] === undefined ? Number.NaN : Date.parse(match[2]);
    if (match === null || !Number.isFinite(atMs))
      return `date "${value}": a prefix (ge, gt, le, lt, eq) and an ISO date or time`;
    const endOfDay = match[2]?.length === 10 ? atMs + 86_400_000 - 1 : atMs;
    switch (match[1] ?? 'eq') {
      case 'ge':
      case 'gt':
        fromMs = atMs;
        break;
      case 'le':
      case 'lt':
        toMs = endOfDay;
        break;
      default:
        fromMs = atMs;
        toMs = endOfDay;
    }
  }
  return { fromMs, toMs };
}

async function searchObservations(url: URL, base: string, context: FhirContext): Promise<Answer> {
  const patientId = patientParameter(url);
  if (patientId === null)
    return outcome(400, 'too-costly', 'an Observation search names its patient (patient=Patient/…)', 'patient');
  const nowMs = context.now();
  const code = url.searchParams.get('code')?.split('|').at(-1) ?? null;
  const keep = (resource: FhirResource): boolean => code === null || loincOf(resource).includes(code);
  const remote = context.remote.patient(patientId);
  if (remote !== undefined) {
    const span = dateSpan(url, 0, nowMs);
    if (typeof span === 'string') return outcome(400, 'invalid', span, 'date');
    const readings = await context.remote.readings(patientId, span.fromMs, span.toMs);
    return page(
      url,
      base,
      readings
        .map((stored) => homeReading(stored.resource))
        .reverse()
        .filter(keep),
    );
  }
  const bed = bedOfPatient(patientId, context);
  if (bed === undefined) return page(url, base, []);
  // A ward patient: their numerics now, then their one-minute trends, newest first (the last 24 h unless asked).
  const span = dateSpan(url, nowMs - 24 * 3_600_000, nowMs);
  if (typeof span === 'string') return outcome(400, 'invalid', span, 'date');
  const reference = `Patient/${patientId}`;
  const observations: FhirResource[] = [];
  const latest = context.latestNumerics(bed.bedId) ?? {};
  if (span.toMs >= nowMs - 60_000)
    for (const key of Object.keys(WARD_CODINGS) as NumericKey[]) {
      const value = latest[key];
      if (value === undefined) continue;
      const resource = currentNumeric(
        bed.bedId,
        key,
        value,
        reference,
        key === 'NIBP_SYS' ? latest.NIBP_DIA : undefined,
      );
      if (resource !== null) observations.push(resource);
    }
  const store = context.trends();
  if (store !== null) {
    const rows = trendRowsOf(await store.readSeries(bed.bedId, span.fromMs, span.toMs, SERVED_TREND_KEYS));
    const diastolic = new Map<number, TrendRowMessage>();
    for (const row of rows) if (row.key === 'NIBP_DIA') diastolic.set(row.minuteMs, row);
    for (let index = rows.length - 1; index >= 0; index -= 1) {
      const row = rows[index] as TrendRowMessage;
      if (row.key === 'NIBP_DIA') continue;
      const resource = trendMinute(bed.bedId, row, reference, diastolic.get(row.minuteMs));
      if (resource !== null) observations.push(resource);
    }
  }
  return page(url, base, observations.filter(keep));
}

async function readObservation(id: string, context: FhirContext): Promise<Answer> {
  const stored = await context.remote.reading(id);
  if (stored !== null) return { status: 200, resource: homeReading(stored.resource) };
  const current = /^now\.(.+)\.([A-Z_0-9]+)$/.exec(id);
  if (current !== null) {
    const [, bedId = '', key = ''] = current;
    const bed = context.beds().find((candidate) => candidate.bedId === bedId);
    const value = context.latestNumerics(bedId)?.[key as NumericKey];
    if (bed?.patient !== null && bed?.patient !== undefined && value !== undefined) {
      const latest = context.latestNumerics(bedId) ?? {};
      const resource = currentNumeric(
        bedId,
        key as NumericKey,
        value,
        `Patient/${wardPatientId(bed.patient.mrn)}`,
        key === 'NIBP_SYS' ? latest.NIBP_DIA : undefined,
      );
      if (resource !== null) return { status: 200, resource };
    }
  }
  const minute = /^t\.(.+)\.([A-Z_0-9]+)\.(\d+)$/.exec(id);
  const store = context.trends();
  if (minute !== null && store !== null) {
    const [, bedId = '', key = '', minuteText = '0'] = minute;
    const minuteMs = Number(minuteText);
    const bed = context.beds().find((candidate) => candidate.bedId === bedId);
    const rows = trendRowsOf(await store.readSeries(bedId, minuteMs, minuteMs, [key as NumericKey, 'NIBP_DIA']));
    const row = rows.find((candidate) => candidate.key === key);
    if (bed?.patient !== null && bed?.patient !== undefined && row !== undefined) {
      const resource = trendMinute(
        bedId,
        row,
        `Patient/${wardPatientId(bed.patient.mrn)}`,
        rows.find((candidate) => candidate.key === 'NIBP_DIA'),
      );
      if (resource !== null) return { status: 200, resource };
    }
  }
  return notFound(`Observation/${id}`);
}

/** The standing alarms about a patient, as Flags. */
function flagsOf(patientId: string | null, context: FhirContext): FhirResource[] {
  const flags: FhirResource[] = [];
  const beds = new Map(context.beds().map((bed) => [bed.bedId, bed]));
  for (const alarm of context.alarms()) {
    const remote = alarm.bedId.startsWith(REMOTE_ALARM_BED_PREFIX)
      ? alarm.bedId.slice(REMOTE_ALARM_BED_PREFIX.length)
      : undefined;
    const mrn = alarm.patient?.mrn ?? beds.get(alarm.bedId)?.patient?.mrn;
    const reference = remote ?? (mrn === undefined ? null : wardPatientId(mrn));
    if (reference === null || (patientId !== null && reference !== patientId)) continue;
    flags.push(alarmFlag(alarm, `Patient/${reference}`));
  }
  return flags;
}

function searchFlags(url: URL, base: string, context: FhirContext): Answer {
  const status = url.searchParams.get('status');
  return page(
    url,
    base,
    flagsOf(patientParameter(url), context).filter((flag) => status === null || flag.status === status),
  );
}

function readFlag(id: string, context: FhirContext): Answer {
  const flag = flagsOf(null, context).find((candidate) => candidate.id === id);
  return flag === undefined ? notFound(`Flag/${id}`) : { status: 200, resource: flag };
}
