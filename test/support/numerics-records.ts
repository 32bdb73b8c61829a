/**
 * Writes numerics-only WFDB records (format 16, one value a minute, as MIMIC's `…n` records) with chosen values,
 * so that a ward of recordings shows exactly those numbers on its tiles — the extremes a tile must fit. The files
 * are real WFDB: the gateway reads them through its own parser, checksums included.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wfdbChecksum } from '../../gateway/wfdb/wfdb-signal-decoder';

/** The numerics a record carries, by the names MIMIC uses. */
export interface NumericsRecordValues {
  readonly HR?: number;
  readonly SpO2?: number;
  readonly RESP?: number;
  readonly NBPSys?: number;
  readonly NBPDias?: number;
  readonly NBPMean?: number;
  readonly ABPSys?: number;
  readonly ABPDias?: number;
  readonly ABPMean?: number;
  readonly TEMP?: number;
}

const UNITS: Record<keyof NumericsRecordValues, { gain: number; unit: string }> = {
  HR: { gain: 10, unit: 'bpm' },
  SpO2: { gain: 10, unit: '%' },
  RESP: { gain: 10, unit: 'pm' },
  NBPSys: { gain: 1, unit: 'mmHg' },
  NBPDias: { gain: 1, unit: 'mmHg' },
  NBPMean: { gain: 1, unit: 'mmHg' },
  ABPSys: { gain: 10, unit: 'mmHg' },
  ABPDias: { gain: 10, unit: 'mmHg' },
  ABPMean: { gain: 10, unit: 'mmHg' },
  TEMP: { gain: 10, unit: 'degC' },
};

/** Writes `<name>n.hea` and `<name>n.dat` into `folder` for each record: the same values for 10 minutes. */
export function writeNumericsRecords(
  folder: string,
  records: readonly { readonly name: string; readonly values: NumericsRecordValues }[],
): void {
  const minutes = 10;
  for (const { name, values } of records) {
    const signals = (Object.keys(values) as (keyof NumericsRecordValues)[]).filter((key) => values[key] !== undefined);
    const raw = signals.map((key) => Math.round((values[key] as number) * UNITS[key].gain));
    const data = Buffer.alloc(minutes * signals.length * 2);
    for (let minute = 0; minute < minutes; minute += 1)
      raw.forEach((value, index) => data.writeInt16LE(value, (minute * signals.length + index) * 2));
    const lines = [`${name}n ${signals.length} 0.0166666666667 ${minutes}`];
    signals.forEach((key, index) => {
      const samples = new Int32Array(minutes).fill(raw[index] as number);
      lines.push(
        `${name}n.dat 16 ${UNITS[key].gain}/${UNITS[key].unit} 16 0 ${raw[index]} ${wfdbChecksum(samples)} 0 ${key}`,
      );
    });
    writeFileSync(join(folder, `${name}n.hea`), `${lines.join('\n')}\n`);
    writeFileSync(join(folder, `${name}n.dat`), data);
  }
}
