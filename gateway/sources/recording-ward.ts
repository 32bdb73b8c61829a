/**
 * Builds the beds of a recording ward: discovers the recordings at a path and loads each into a RecordingBed.
 * A recording that fails to load is reported by file and problem and skipped.
 */
import { describeError } from '../../common/logging/logger';
import { WfdbError } from '../wfdb/wfdb-error';
import { readWfdbRecord } from '../wfdb/wfdb-record';
import { discoverRecordings } from './recording-discovery';
import { RecordingBed } from './recording-bed';

/** The loaded beds and the problems met on the way. */
export interface RecordingWard {
  readonly beds: readonly RecordingBed[];
  readonly problems: readonly string[];
}

/** Loads every recording under `path`, each starting to play at `startMs`. */
export async function loadRecordingWard(path: string, startMs: number): Promise<RecordingWard> {
  const discovery = await discoverRecordings(path);
  const problems = [...discovery.problems];
  const beds: RecordingBed[] = [];
  for (const recording of discovery.recordings) {
    try {
      const waveforms = recording.waveformHeader === null ? null : await readWfdbRecord(recording.waveformHeader);
      const numerics = recording.numericsHeader === null ? null : await readWfdbRecord(recording.numericsHeader);
      beds.push(new RecordingBed({ waveforms, numerics, label: recording.name, startMs }));
    } catch (error) {
      problems.push(error instanceof WfdbError ? error.message : `${recording.name}: ${describeError(error)}`);
    }
  }
  return { beds, problems };
}
