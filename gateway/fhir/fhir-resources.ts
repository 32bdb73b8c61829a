/**
 * The gateway's data as FHIR R4 resources (issue 16): Patient (the ward's patients by the census, and remote
 * patients), Device (each bed's monitor, HL7 devices, home devices), Observation (a bed's current numerics, its
 * one-minute trends, home readings), and alarms as Flag (decision 0022: R4 has no alarm resource; R6's DeviceAlert
 * is the one to move to). Pure builders: every kind is validated against R4 in the tests.
 */
import { ALARM_CONDITIONS, alarmLabel, type Alarm } from '../../common/alarms/alarm-model';
import type { RemoteDevice, RemotePatient, RemoteReading } from '../../common/wire/remote-patients';
import type { TrendKey, TrendRowMessage } from '../../common/wire/trend-messages';
import type { BedDescription, NumericKey, NumericValue } from '../../common/wire/ward-messages';
import type { DeviceSummary } from '../devices/device-directory';
import {
  bloodPressureComponents,
  codeOf,
  LOINC,
  MDC,
  quantityOf,
  VITAL_CODINGS,
  VITAL_SIGNS_CATEGORY,
  type VitalCoding,
} from './vital-signs';

/** A resource as JSON. */
export type FhirResource = Record<string, unknown> & { resourceType: string; id?: string };

const PROFILE = 'http://hl7.org/fhir/StructureDefinition/';
/** The identifier system of the hospital's MRNs, as the census carries them. */
export const MRN_SYSTEM = 'urn:wardwatch:mrn';
const ALARM_CONDITION_SYSTEM = 'urn:wardwatch:alarm-condition';
const PRIORITY_EXTENSION = 'urn:wardwatch:fhir:alarm-priority';

/** An id FHIR allows (`[A-Za-z0-9\-\.]{1,64}`) for any text: other characters as `.` and their hex code. */
export function fhirId(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]/g, (character) => `.${character.charCodeAt(0).toString(16)}`).slice(0, 64);
}

/** The Patient id of a ward patient (by MRN). */
export function wardPatientId(mrn: string): string {
  return fhirId(`mrn.${mrn}`);
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The ward's codes for the numerics served as Observations (ABP, NIBP mean and NEWS2 are not served). */
export const WARD_CODINGS: Partial<Record<NumericKey, VitalCoding>> = {
  HR: {
    loinc: '8867-4',
    display: 'Heart rate',
    profile: 'heartrate',
    mdc: { code: '147842', display: 'MDC_ECG_HEART_RATE' },
    ucum: '/min',
    unit: '/min',
  },
  PULSE: {
    loinc: '8889-8',
    display: 'Heart rate by Pulse oximetry',
    profile: 'vitalsigns',
    mdc: { code: '149530', display: 'MDC_PULS_OXIM_PULS_RATE' },
    ucum: '/min',
    unit: '/min',
  },
  SPO2: VITAL_CODINGS.spo2,
  RR: {
    loinc: '9279-1',
    display: 'Respiratory rate',
    profile: 'resprate',
    mdc: { code: '151562', display: 'MDC_RESP_RATE' },
    ucum: '/min',
    unit: '/min',
  },
  TEMP: { ...VITAL_CODINGS.temperature, mdc: { code: '150344', display: 'MDC_TEMP' } },
  NIBP_SYS: VITAL_CODINGS['blood-pressure'],
};

/** The trend keys an Observation search returns (NIBP_DIA goes into the NIBP_SYS panel). */
export const SERVED_TREND_KEYS: readonly TrendKey[] = ['HR', 'PULSE', 'SPO2', 'RR', 'TEMP', 'NIBP_SYS', 'NIBP_DIA'];

/** A ward patient, from the census. */
export function wardPatient(patient: NonNullable<BedDescription['patient']>): FhirResource {
  const [family, given] = patient.name.split(',').map((part) => part.trim());
  return {
    resourceType: 'Patient',
    id: wardPatientId(patient.mrn),
    identifier: [{ use: 'usual', system: MRN_SYSTEM, value: patient.mrn }],
    active: true,
    name: [{ text: patient.name, ...(family ? { family } : {}), ...(given ? { given: [given] } : {}) }],
    gender: patient.sex === 'F' ? 'female' : patient.sex === 'M' ? 'male' : 'unknown',
    ...(patient.dateOfBirth ? { birthDate: patient.dateOfBirth } : {}),
  };
}

/** A remote patient. */
export function remotePatient(patient: RemotePatient): FhirResource {
  return {
    resourceType: 'Patient',
    id: patient.patientId,
    identifier: [{ use: 'usual', system: MRN_SYSTEM, value: patient.mrn }],
    active: true,
    name: [{ text: patient.name }],
    ...(patient.birthDate === null ? {} : { birthDate: patient.birthDate }),
  };
}

/** A bed's monitor (the simulator, a recording's player, or the HL7 devices that feed it). */
export function bedMonitor(bed: BedDescription): FhirResource {
  return {
    resourceType: 'Device',
    id: fhirId(`monitor.${bed.bedId}`),
    status: bed.standby === true ? 'inactive' : 'active',
    deviceName: [{ name: `${bed.label} monitor (${bed.source.kind})`, type: 'user-friendly-name' }],
    type: { text: 'Patient monitor' },
    ...(bed.patient === null ? {} : { patient: { reference: `Patient/${wardPatientId(bed.patient.mrn)}` } }),
    location: { display: bed.label },
  };
}

/** A device heard over HL7. */
export function hl7Device(device: DeviceSummary): FhirResource {
  return {
    resourceType: 'Device',
    id: fhirId(`hl7.${device.deviceId}`),
    identifier: [{ system: 'urn:ietf:rfc:7043', value: device.deviceId }],
    status: 'active',
    deviceName: [{ name: device.model === '' ? device.deviceId : device.model, type: 'model-name' }],
    type: { text: 'HL7 device (IHE PCD)' },
  };
}

/** A home device. */
export function homeDevice(device: RemoteDevice): FhirResource {
  return {
    resourceType: 'Device',
    id: device.deviceId,
    status: 'active',
    deviceName: [{ name: device.model, type: 'model-name' }],
    type: { coding: [{ system: MDC, code: '65573', display: 'MDC_MOC_VMS_MDS_SIMP' }], text: 'Personal health device' },
    patient: { reference: `Patient/${device.patientId}` },
  };
}

/** The parts every vital-sign Observation has. */
function vitalSign(coding: VitalCoding, id: string, patientReference: string): FhirResource {
  return {
    resourceType: 'Observation',
    id,
    meta: { profile: [`${PROFILE}${coding.profile}`] },
    status: 'final',
    category: [VITAL_SIGNS_CATEGORY],
    code: codeOf(coding),
    subject: { reference: patientReference },
  };
}

/** A bed's numeric now (null when it has no valid value: no Observation). */
export function currentNumeric(
  bedId: string,
  key: NumericKey,
  value: NumericValue,
  patientReference: string,
  diastolic?: NumericValue,
): FhirResource | null {
  const coding = WARD_CODINGS[key];
  if (coding === undefined || value.value === null) return null;
  const observation = vitalSign(coding, fhirId(`now.${bedId}.${key}`), patientReference);
  observation.effectiveDateTime = iso(value.measuredAtMs);
  observation.device = { reference: `Device/${fhirId(`monitor.${bedId}`)}` };
  if (key === 'NIBP_SYS') observation.component = bloodPressureComponents(value.value, diastolic?.value ?? null);
  else observation.valueQuantity = quantityOf(value.value, coding);
  return observation;
}

/** One minute of a bed's trend as an Observation (its median; minimum and maximum in a note). */
export function trendMinute(
  bedId: string,
  row: TrendRowMessage,
  patientReference: string,
  diastolic?: TrendRowMessage,
): FhirResource | null {
  const coding = WARD_CODINGS[row.key as NumericKey];
  if (coding === undefined) return null;
  const observation = vitalSign(coding, fhirId(`t.${bedId}.${row.key}.${row.minuteMs}`), patientReference);
  observation.effectivePeriod = { start: iso(row.minuteMs), end: iso(row.minuteMs + 60_000) };
  observation.device = { reference: `Device/${fhirId(`monitor.${bedId}`)}` };
  observation.method = { text: 'median of one minute' };
  observation.note = [
    { text: `median of ${row.count} values; minimum ${round(row.min)}, maximum ${round(row.max)} ${coding.unit}` },
  ];
  if (row.key === 'NIBP_SYS') observation.component = bloodPressureComponents(row.median, diastolic?.median ?? null);
  else observation.valueQuantity = quantityOf(row.median, coding);
  return observation;
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** A home reading as the device sent it, completed with its id, subject, device and time stored. */
export function homeReading(resource: Record<string, unknown>): FhirResource {
  return { ...resource, resourceType: 'Observation' } as FhirResource;
}

/** A reading kept without its resource (it always has one; a fallback so that nothing is lost when read). */
export function homeReadingOf(patientId: string, reading: RemoteReading): FhirResource {
  const coding = VITAL_CODINGS[reading.kind];
  const observation = vitalSign(coding, reading.readingId, `Patient/${patientId}`);
  observation.effectiveDateTime = iso(reading.effectiveMs);
  observation.device = { reference: `Device/${reading.deviceId}` };
  if (reading.kind === 'blood-pressure')
    observation.component = bloodPressureComponents(reading.value, reading.diastolic);
  else observation.valueQuantity = quantityOf(reading.value, coding);
  return observation;
}

/** An alarm as a Flag about its patient: active while its condition holds. */
export function alarmFlag(alarm: Alarm, patientReference: string): FhirResource {
  return {
    resourceType: 'Flag',
    id: fhirId(alarm.alarmId),
    extension: [{ url: PRIORITY_EXTENSION, valueCode: alarm.priority }],
    status: alarm.conditionActive ? 'active' : 'inactive',
    category: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'clinical' }],
        text: alarm.category,
      },
    ],
    code: {
      coding: [
        { system: ALARM_CONDITION_SYSTEM, code: alarm.condition, display: ALARM_CONDITIONS[alarm.condition].label },
      ],
      text: `${alarmLabel(alarm)}: ${alarm.message}`,
    },
    subject: { reference: patientReference, ...(alarm.patient === undefined ? {} : { display: alarm.patient.name }) },
    period: { start: iso(alarm.onsetMs) },
    ...(alarm.device === undefined
      ? {}
      : { author: { reference: `Device/${fhirId(`hl7.${alarm.device.deviceId}`)}` } }),
  };
}

/** A searchset Bundle of `resources` (one page) with the total and the link to the next page. */
export function searchBundle(
  base: string,
  self: string,
  resources: readonly FhirResource[],
  total: number,
  next: string | null,
): FhirResource {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: self }, ...(next === null ? [] : [{ relation: 'next', url: next }])],
    entry: resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

/** An OperationOutcome: what went wrong, where. */
export function operationOutcome(
  code: string,
  issues: readonly { readonly diagnostics: string; readonly expression?: string }[],
): FhirResource {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity: 'error',
      code,
      diagnostics: issue.diagnostics.slice(0, 500),
      ...(issue.expression === undefined || issue.expression === '' ? {} : { expression: [issue.expression] }),
    })),
  };
}

/** What this server does, for `/fhir/metadata`. */
export function capabilityStatement(base: string, version: string, nowMs: number): FhirResource {
  const search = (name: string, type: string, documentation: string) => ({ name, type, documentation });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: iso(nowMs),
    publisher: 'WardWatch',
    kind: 'instance',
    software: { name: 'WardWatch gateway', version },
    implementation: { description: 'WardWatch ward gateway FHIR API', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Alarms are served as Flag (R4 has no alarm resource; R6 DeviceAlert is the successor). Reads need a bearer token from the gateway sign-in (scope patient/*.read: nurse, physician, admin); home devices create Observations with a token from POST /fhir/auth/token (client credentials; scope system/Observation.write, their own patient only).',
        security: {
          cors: false,
          service: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] },
          ],
          description: 'Bearer tokens (RFC 6750). Tokens from the gateway sign-in read; device tokens write.',
        },
        resource: [
          {
            type: 'Patient',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              search('identifier', 'token', 'the MRN'),
              search('_id', 'token', 'the id'),
              search('_count', 'number', 'page size'),
            ],
          },
          {
            type: 'Device',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [search('patient', 'reference', 'the patient the device measures')],
          },
          {
            type: 'Observation',
            profile: `${PROFILE}vitalsigns`,
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }],
            searchParam: [
              search('patient', 'reference', 'required: whose observations'),
              search('date', 'date', 'ge/gt/le/lt/eq; a ward patient’s trends default to the last 24 h'),
              search('code', 'token', 'LOINC code'),
              search('_count', 'number', 'page size (at most 1000)'),
            ],
          },
          {
            type: 'Flag',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              search('patient', 'reference', 'whose alarms stand now'),
              search('status', 'token', 'active or inactive'),
            ],
          },
        ],
      },
    ],
  };
}

/** LOINC of an Observation (for the `code` search). */
export function loincOf(resource: FhirResource): string[] {
  const coding = (resource.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [];
  return coding.filter((entry) => entry.system === LOINC && entry.code !== undefined).map((entry) => entry.code ?? '');
}
