/**
 * Writes IHE PCD-01 (ORU^R01) messages — containment rows in OBX-4, the equipment's EUI-64 in OBX-18, MDC codes and
 * units, waves as NA arrays with their MDC_ATTR_SAMP_RATE row, the patient in PID when known: as a bedside monitor
 * sends them (the test device `npm run hl7:device`, the benchmark, the tests) and as the gateway sends a bed's
 * vitals to the EMR (WardWatch as a PCD-01 Device Observation Reporter). WardWatch reads such a message back
 * through the same readers as any sender's.
 */
import type { ChannelKey } from '../../common/wire/channel-catalog';
import type { NumericKey } from '../../common/wire/ward-messages';
import { escapeHl7, hl7Timestamp } from './hl7-message';

const NUMERIC_CODES: Readonly<Partial<Record<NumericKey, readonly [string, string, string]>>> = {
  HR: ['147842^MDC_ECG_HEART_RATE^MDC', '1.1.1.1', '264864^MDC_DIM_BEAT_PER_MIN^MDC'],
  SPO2: ['150456^MDC_PULS_OXIM_SAT_O2^MDC', '1.2.1.1', '262688^MDC_DIM_PERCENT^MDC'],
  PULSE: ['149530^MDC_PULS_OXIM_PULS_RATE^MDC', '1.2.1.2', '264864^MDC_DIM_BEAT_PER_MIN^MDC'],
  RR: ['151562^MDC_RESP_RATE^MDC', '1.3.1.1', '264928^MDC_DIM_RESP_PER_MIN^MDC'],
  NIBP_SYS: ['150021^MDC_PRESS_BLD_NONINV_SYS^MDC', '1.4.1.1', '266016^MDC_DIM_MMHG^MDC'],
  NIBP_DIA: ['150022^MDC_PRESS_BLD_NONINV_DIA^MDC', '1.4.1.2', '266016^MDC_DIM_MMHG^MDC'],
  NIBP_MEAN: ['150023^MDC_PRESS_BLD_NONINV_MEAN^MDC', '1.4.1.3', '266016^MDC_DIM_MMHG^MDC'],
  ABP_SYS: ['150033^MDC_PRESS_BLD_ART_SYS^MDC', '1.5.1.1', '266016^MDC_DIM_MMHG^MDC'],
  ABP_DIA: ['150034^MDC_PRESS_BLD_ART_DIA^MDC', '1.5.1.2', '266016^MDC_DIM_MMHG^MDC'],
  ABP_MEAN: ['150035^MDC_PRESS_BLD_ART_MEAN^MDC', '1.5.1.3', '266016^MDC_DIM_MMHG^MDC'],
  TEMP: ['150344^MDC_TEMP^MDC', '1.6.1.1', '268192^MDC_DIM_DEGC^MDC'],
};

const WAVE_CODES: Readonly<Partial<Record<ChannelKey, readonly [string, string, string]>>> = {
  ECG_II: ['131330^MDC_ECG_ELEC_POTL_II^MDC', '1.1.2.1', '266418^MDC_DIM_MILLI_VOLT^MDC'],
  ECG_V: ['131335^MDC_ECG_ELEC_POTL_V5^MDC', '1.1.2.2', '266418^MDC_DIM_MILLI_VOLT^MDC'],
  PLETH: ['150452^MDC_PULS_OXIM_PLETH^MDC', '1.2.2.1', '262656^MDC_DIM_DIMLESS^MDC'],
  RESP: ['151780^MDC_IMPED_TTHOR^MDC', '1.3.2.1', '262656^MDC_DIM_DIMLESS^MDC'],
  ABP: ['150032^MDC_PRESS_BLD_ART^MDC', '1.5.2.1', '266016^MDC_DIM_MMHG^MDC'],
};

/** One wave's samples in a message. */
export interface WaveToWrite {
  readonly key: ChannelKey;
  readonly sampleRate: number;
  /** In the channel's unit; NaN for a missing sample. */
  readonly samples: ArrayLike<number>;
}

/** What one message says. */
export interface Pcd01Content {
  /** The monitor's EUI-64 (16 hex digits). */
  readonly deviceId: string;
  /** MSH-3's first component, e.g. `WardWatchTestMonitor`. */
  readonly model: string;
  /** PV1-3: point of care, room, bed. */
  readonly location: { readonly pointOfCare: string; readonly room: string; readonly bed: string } | null;
  /** PID-3 and PID-5, when the sender knows who the patient is. */
  readonly patient?: { readonly mrn: string; readonly name: string } | null;
  /** MSH-4, the sending facility (the ward). */
  readonly facility?: string;
  readonly controlId: string;
  /** Device time of the message, epoch ms. */
  readonly atMs: number;
  readonly numerics: Readonly<Partial<Record<NumericKey, number>>>;
  /** When each numeric was measured (OBX-14), epoch ms; the message time when not given. */
  readonly measuredAtMs?: Readonly<Partial<Record<NumericKey, number>>>;
  /** Time of the first sample of every wave, epoch ms. */
  readonly wavesStartMs?: number;
  readonly waves?: readonly WaveToWrite[];
}

/** The message as HL7 v2 text, segments separated by carriage returns. */
export function writePcd01(content: Pcd01Content): string {
  const stamp = hl7Timestamp(new Date(content.atMs));
  const device = `${escapeHl7(content.deviceId)}^EUI-64`;
  const lines = [
    `MSH|^~\\&|${escapeHl7(content.model)}^${device}|${escapeHl7(content.facility ?? '')}||WARDWATCH|${stamp}||ORU^R01^ORU_R01|${escapeHl7(content.controlId)}|P|2.6|||NE|AL||||||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO`,
  ];
  if (content.patient !== undefined && content.patient !== null) {
    const [given = '', ...family] = content.patient.name.trim().split(/\s+/);
    lines.push(`PID|||${escapeHl7(content.patient.mrn)}^^^^MR||${escapeHl7(family.join(' '))}^${escapeHl7(given)}`);
  }
  if (content.location !== null) {
    const { pointOfCare, room, bed } = content.location;
    lines.push(`PV1||I|${escapeHl7(pointOfCare)}^${escapeHl7(room)}^${escapeHl7(bed)}`);
  }
  lines.push(`OBR|1|||182777000^monitoring of patient^SCT|||${stamp}`);
  let row = 0;
  const obx = (rest: string): void => {
    row += 1;
    lines.push(`OBX|${row}|${rest}`);
  };
  obx(`|69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||${device}`);
  for (const [key, value] of Object.entries(content.numerics) as [NumericKey, number][]) {
    const code = NUMERIC_CODES[key];
    if (code === undefined || !Number.isFinite(value)) continue;
    const measured = content.measuredAtMs?.[key];
    obx(
      `NM|${code[0]}|${code[1]}|${value}|${code[2]}|||||R|||${measured === undefined ? stamp : hl7Timestamp(new Date(measured))}`,
    );
  }
  const wavesStamp = hl7Timestamp(new Date(content.wavesStartMs ?? content.atMs));
  for (const wave of content.waves ?? []) {
    const code = WAVE_CODES[wave.key];
    if (code === undefined) continue;
    const samples = Array.from(wave.samples, (value) => (Number.isFinite(value) ? String(round(value)) : '')).join('^');
    obx(`NA|${code[0]}|${code[1]}|${samples}|${code[2]}|||||R|||${wavesStamp}`);
    obx(`NM|67981^MDC_ATTR_SAMP_RATE^MDC|${code[1]}.1|${wave.sampleRate}|264608^MDC_DIM_PER_SEC^MDC|||||R`);
  }
  return lines.join('\r');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
