/**
 * IHE PCD-01 (ORU^R01, "device enterprise communication") numerics as WardWatch's numerics (issue 15): which device
 * sent them (OBX-18 EUI-64, else MSH-3), which bed it says it is at (PV1-3), and each OBX of a known metric as a
 * value with its unit, time and alarm limits. Real senders vary, so codes are matched by their number (147842 is
 * sent as MDC_ECG_HEART_RATE and as MDC_ECG_CARD_BEAT_RATE, and sometimes without `^MDC`), units are accepted as MDC
 * codes or UCUM, and times come from OBX-14 over OBR-7 over MSH-7. An OBX that cannot be used is skipped with a
 * specific reason (answered as a warning, counted), never guessed at; the message's other values still count.
 */
import type { NumericKey } from '../../common/wire/ward-messages';
import {
  field,
  HL7_ERROR,
  patientLocation,
  sendingApplicationId,
  type Hl7Message,
  type Hl7Problem,
} from './hl7-message';

/** A numeric as the device reported it. */
export interface DeviceNumeric {
  readonly key: NumericKey;
  readonly value: number;
  /** WardWatch's unit for the key (the device's unit converted where needed). */
  readonly unit: string;
  /** When measured, epoch ms (OBX-14, else OBR-7, else MSH-7). */
  readonly measuredAtMs: number;
  /** OBX-7 reference range as the device's alarm limits, when sent. */
  readonly limits: { readonly low: number | null; readonly high: number | null } | null;
}

/** What one PCD-01 message says. */
export interface Pcd01Numerics {
  /** The device: EUI-64 from OBX-18 of its MDS row (or any OBX), else MSH-3's first component. */
  readonly deviceId: string;
  /** PV1-3 as `unit^room^bed` components joined by '/', or null when the message names no location. */
  readonly location: string | null;
  /** MSH-7 on the sender's clock: with each OBX-14 it says how old a value is. */
  readonly sentAtMs: number | null;
  readonly numerics: readonly DeviceNumeric[];
  /** OBX rows skipped, each with the reason. */
  readonly skipped: readonly Hl7Problem[];
  /** NM rows of metrics WardWatch does not show (a monitor sends dozens): not errors, but counted. */
  readonly notShown: number;
}

interface Metric {
  readonly key: NumericKey;
  readonly unit: string;
  /** Units accepted for it: MDC unit code → factor to `unit`, or UCUM text → factor. */
  readonly units: Readonly<Record<string, (value: number) => number>>;
}

const same = (value: number): number => value;
const BPM = { '264864': same, '/min': same, '{beats}/min': same, '{beat}/min': same, bpm: same } as const;
const PERCENT = { '262688': same, '%': same } as const;
const MMHG = { '266016': same, 'mm[Hg]': same, mmHg: same, '266048': (kpa: number) => kpa * 7.50062 } as const;
const RPM = { '264928': same, '/min': same, '{breaths}/min': same, '{breath}/min': same, rpm: same } as const;
const CELSIUS = { '268192': same, Cel: same, '[degF]': (f: number) => ((f - 32) * 5) / 9, '266560': same } as const;

/** MDC metric codes (by number) → WardWatch numerics. */
const METRICS: Readonly<Record<string, Metric>> = {
  '147842': { key: 'HR', unit: 'bpm', units: BPM },
  '149530': { key: 'PULSE', unit: 'bpm', units: BPM },
  '150456': { key: 'SPO2', unit: '%', units: PERCENT },
  '151562': { key: 'RR', unit: 'rpm', units: RPM },
  '151594': { key: 'RR', unit: 'rpm', units: RPM },
  '150021': { key: 'NIBP_SYS', unit: 'mmHg', units: MMHG },
  '150022': { key: 'NIBP_DIA', unit: 'mmHg', units: MMHG },
  '150023': { key: 'NIBP_MEAN', unit: 'mmHg', units: MMHG },
  '150301': { key: 'NIBP_SYS', unit: 'mmHg', units: MMHG },
  '150302': { key: 'NIBP_DIA', unit: 'mmHg', units: MMHG },
  '150303': { key: 'NIBP_MEAN', unit: 'mmHg', units: MMHG },
  '150033': { key: 'ABP_SYS', unit: 'mmHg', units: MMHG },
  '150034': { key: 'ABP_DIA', unit: 'mmHg', units: MMHG },
  '150035': { key: 'ABP_MEAN', unit: 'mmHg', units: MMHG },
  '150344': { key: 'TEMP', unit: '°C', units: CELSIUS },
};

/** Codes of containment rows (MDS, VMD, channel) and of metrics WardWatch does not show: skipped silently. */
function isContainerOrOther(valueType: string): boolean {
  return valueType === '' || valueType === 'CWE' || valueType === 'CE' || valueType === 'ST' || valueType === 'TX';
}

/** Reads the numerics of a PCD-01 message. */
export function readPcd01Numerics(message: Hl7Message): Pcd01Numerics {
  const messageTime = parseHl7Time(field(message, 'MSH', 7));
  const observationTime = parseHl7Time(field(message, 'OBR', 7)) ?? messageTime;
  const numerics: DeviceNumeric[] = [];
  const skipped: Hl7Problem[] = [];
  let deviceId: string | null = null;
  let notShown = 0;
  const rows = message.getAllSegments('OBX');
  rows.forEach((obx, index) => {
    const at = `OBX^${index + 1}`;
    const equipment = field(message, obx, 18, 1);
    if (deviceId === null && equipment !== '') deviceId = equipment;
    const valueType = field(message, obx, 2);
    const code = field(message, obx, 3, 1).trim();
    const metric = METRICS[code];
    if (metric === undefined || valueType !== 'NM') {
      if (!isContainerOrOther(valueType) && valueType !== 'NA' && valueType !== 'NM')
        skipped.push({
          code: HL7_ERROR.dataType,
          location: `${at}^2`,
          text: `OBX-2 value type "${valueType}" unknown`,
        });
      // An NM of a metric WardWatch does not show is not an error (a monitor sends dozens).
      // (A wave's MDC_ATTR_SAMP_RATE row is part of the wave, not a metric.)
      if (valueType === 'NM' && code !== '67981') notShown += 1;
      return;
    }
    const status = field(message, obx, 11);
    if (status !== '' && status !== 'R' && status !== 'F' && status !== 'C') {
      // X (cannot be obtained), D (delete), W (wrong) and the like: no value now.
      return;
    }
    const text = field(message, obx, 5).trim();
    const raw = Number(text);
    if (text === '' || !Number.isFinite(raw)) {
      skipped.push({
        code: HL7_ERROR.dataType,
        location: `${at}^5`,
        text: `OBX-5 "${text.slice(0, 24)}" of ${code} is not a number`,
      });
      return;
    }
    const unitCode = field(message, obx, 6, 1).trim();
    const convert = metric.units[unitCode] ?? metric.units[field(message, obx, 6, 2).trim()];
    if (convert === undefined) {
      skipped.push({
        code: HL7_ERROR.tableValueNotFound,
        location: `${at}^6`,
        text: `unit "${unitCode}" is not a unit of ${code} (${metric.key})`,
      });
      return;
    }
    const measuredAtMs = parseHl7Time(field(message, obx, 14)) ?? observationTime;
    if (measuredAtMs === null) {
      skipped.push({ code: HL7_ERROR.requiredFieldMissing, location: `${at}^14`, text: `no time for ${code}` });
      return;
    }
    numerics.push({
      key: metric.key,
      value: round(convert(raw)),
      unit: metric.unit,
      measuredAtMs,
      limits: parseLimits(field(message, obx, 7), convert),
    });
  });
  const place = patientLocation(message);
  const location =
    place === null ? null : [place.pointOfCare, place.room, place.bed].filter((part) => part !== '').join('/');
  return {
    deviceId: deviceId ?? (sendingApplicationId(message) || 'unknown device'),
    sentAtMs: messageTime,
    location,
    numerics,
    skipped,
    notShown,
  };
}

/** OBX-7 `low-high`, `>low`, `<high`; null when absent or unreadable. */
function parseLimits(range: string, convert: (value: number) => number): DeviceNumeric['limits'] {
  const text = range.trim();
  if (text === '') return null;
  const both = /^(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  if (both !== null) return { low: round(convert(Number(both[1]))), high: round(convert(Number(both[2]))) };
  const low = /^>=?\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  if (low !== null) return { low: round(convert(Number(low[1]))), high: null };
  const high = /^<=?\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  if (high !== null) return { low: null, high: round(convert(Number(high[1]))) };
  return null;
}

/**
 * HL7 DTM `YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]` as epoch ms; a time without an offset is taken as UTC (IHE PCD
 * asks senders to give one). Null when absent or not a time.
 */
export function parseHl7Time(text: string): number | null {
  const match = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$/.exec(text.trim());
  if (match === null) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', fraction = '0', zone] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Math.round(Number(`0.${fraction}`) * 1000),
  );
  if (!Number.isFinite(utc)) return null;
  if (zone === undefined) return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
  return utc - sign * offsetMinutes * 60_000;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
