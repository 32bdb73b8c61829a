/**
 * IHE PCD-01 waveforms (the Waveform Content Module): an OBX of value type NA carries a run of samples
 * (`0.12^0.15^…`) of one channel, its unit in OBX-6 and the time of its first sample in OBX-14; the sample rate is
 * a child OBX (MDC_ATTR_SAMP_RATE, code 67981) whose OBX-4 sub-ID lies under the wave's. Each becomes a channel of
 * WardWatch's wire (the same keys a simulated or recorded bed streams), so tiles, analysis and disclosure take it
 * unchanged. A wave whose samples, rate or unit cannot be used is skipped with its reason, never guessed at; an
 * empty sample (`^^`) is a missing sample (NaN), as a monitor marks a gap.
 */
import type { ChannelKey } from '../../common/wire/channel-catalog';
import { field, HL7_ERROR, wholeField, type Hl7Message, type Hl7Problem } from './hl7-message';
import { parseHl7Time } from './pcd01-numerics';

/** One channel's samples from one message. */
export interface DeviceWave {
  readonly key: ChannelKey;
  readonly sampleRate: number;
  /** Time of the first sample, epoch ms. */
  readonly startMs: number;
  /** In the channel's unit (mV, mmHg, or the pleth's normalized units); NaN for a missing sample. */
  readonly samples: Float64Array;
}

interface WaveKind {
  readonly key: ChannelKey;
  readonly units: Readonly<Record<string, number>>;
}
const ECG_UNITS: Readonly<Record<string, number>> = { '266418': 1, mV: 1, '266434': 0.001, uV: 0.001 };
const ECG_LEADS: readonly [string, ChannelKey][] = [
  ['131329', 'ECG_I'],
  ['131330', 'ECG_II'],
  ['131389', 'ECG_III'],
  ['131390', 'ECG_AVR'],
  ['131391', 'ECG_AVL'],
  ['131392', 'ECG_AVF'],
  ['131331', 'ECG_V1'],
  ['131332', 'ECG_V2'],
  ['131333', 'ECG_V3'],
  ['131334', 'ECG_V4'],
  ['131335', 'ECG_V5'],
  ['131336', 'ECG_V6'],
];
/** MDC waveform codes (by number) → channels, with the units each accepts and their factor to the channel's unit. */
const WAVES: ReadonlyMap<string, WaveKind> = new Map<string, WaveKind>([
  ...ECG_LEADS.map(([code, key]): [string, WaveKind] => [code, { key, units: ECG_UNITS }]),
  ['150452', { key: 'PLETH', units: { '262656': 1, '': 1, '{dimensionless}': 1, '1': 1 } }],
  ['150032', { key: 'ABP', units: { '266016': 1, 'mm[Hg]': 1, mmHg: 1 } }],
  // MDC_IMPED_TTHOR: thoracic impedance, the respiration wave; shown in whatever units the device scales it to.
  ['151780', { key: 'RESP', units: { '262656': 1, '': 1, '{dimensionless}': 1, '1': 1, Ohm: 1, '264640': 1 } }],
]);

/** MDC_ATTR_SAMP_RATE. */
const SAMPLE_RATE_CODE = '67981';
/** Sample rates a channel may have (Hz): a wave outside is a sender's error, not ours to draw. */
const MIN_RATE = 1;
const MAX_RATE = 10_000;
/** Samples one wave OBX may carry (10 s at 1 kHz): more is refused, not buffered. */
const MAX_SAMPLES = 10_000;

/** Reads the waves of a PCD-01 message. */
export function readPcd01Waveforms(message: Hl7Message): { waves: DeviceWave[]; skipped: Hl7Problem[] } {
  const rows = message.getAllSegments('OBX');
  const waves: DeviceWave[] = [];
  const skipped: Hl7Problem[] = [];
  const observationTime = parseHl7Time(field(message, 'OBR', 7)) ?? parseHl7Time(field(message, 'MSH', 7));
  rows.forEach((obx, index) => {
    if (field(message, obx, 2) !== 'NA') return;
    const at = `OBX^${index + 1}`;
    const code = field(message, obx, 3, 1).trim();
    const wave = WAVES.get(code);
    if (wave === undefined) return; // a wave WardWatch does not show (e.g. CO2): not an error
    const subId = field(message, obx, 4).trim();
    const rateRow = rows.find(
      (candidate) =>
        field(message, candidate, 3, 1).trim() === SAMPLE_RATE_CODE &&
        subId !== '' &&
        field(message, candidate, 4).trim().startsWith(`${subId}.`),
    );
    const rate = rateRow === undefined ? Number.NaN : Number(field(message, rateRow, 5).trim());
    if (!Number.isFinite(rate) || rate < MIN_RATE || rate > MAX_RATE) {
      skipped.push({
        code: HL7_ERROR.requiredFieldMissing,
        location: `${at}^4`,
        text: `wave ${code} has no usable sample rate (an MDC_ATTR_SAMP_RATE row under ${subId || 'its sub-ID'})`,
      });
      return;
    }
    const unit = field(message, obx, 6, 1).trim();
    const factor = wave.units[unit] ?? wave.units[field(message, obx, 6, 2).trim()];
    if (factor === undefined) {
      skipped.push({
        code: HL7_ERROR.tableValueNotFound,
        location: `${at}^6`,
        text: `unit "${unit}" is not a unit of wave ${code}`,
      });
      return;
    }
    const parts = wholeField(obx, 5).split('^');
    if (parts.length > MAX_SAMPLES) {
      skipped.push({
        code: HL7_ERROR.dataType,
        location: `${at}^5`,
        text: `wave ${code} carries ${parts.length} samples; at most ${MAX_SAMPLES} in one OBX`,
      });
      return;
    }
    const samples = new Float64Array(parts.length);
    let bad = 0;
    parts.forEach((part, i) => {
      const text = part.trim();
      const value = text === '' ? Number.NaN : Number(text);
      if (text !== '' && !Number.isFinite(value)) bad += 1;
      samples[i] = Number.isFinite(value) ? value * factor : Number.NaN;
    });
    if (bad > 0) {
      skipped.push({
        code: HL7_ERROR.dataType,
        location: `${at}^5`,
        text: `wave ${code} has ${bad} sample(s) that are not numbers`,
      });
      return;
    }
    const startMs = parseHl7Time(field(message, obx, 14)) ?? observationTime;
    if (startMs === null) {
      skipped.push({ code: HL7_ERROR.requiredFieldMissing, location: `${at}^14`, text: `no time for wave ${code}` });
      return;
    }
    waves.push({ key: wave.key, sampleRate: rate, startMs, samples });
  });
  return { waves, skipped };
}
