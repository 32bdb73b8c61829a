/**
 * `npm run eval:alarms -- <challenge-2015 folder>`: every record listed in the folder's `ALARMS` file
 * (`record,alarm type,1|0`) replayed through the gateway's analysis and alarm engine (challenge-evaluation.ts);
 * prints TP/FP/TN/FN per alarm type and overall, the challenge's score real time and retrospective, and, last,
 * `BENCH {"records":…,"tp":…,"fp":…,"tn":…,"fn":…,"score":…,"true_kept":…,"score_retrospective":…}`.
 * The whole folder is always evaluated: a subset would not say how the station does.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../../common/logging/logger';
import {
  CHALLENGE_ALARM_TYPES,
  decideChallengeRecord,
  scoreChallenge,
  type ChallengeAlarmType,
  type ChallengeDecision,
} from '../alarms/challenge-evaluation';

interface Answer {
  readonly record: string;
  readonly alarmType: ChallengeAlarmType;
  readonly trueAlarm: boolean;
}

/** The answer key: one line per record; a line that does not parse is an error naming it. */
async function readAnswers(folder: string): Promise<Answer[]> {
  const text = await readFile(join(folder, 'ALARMS'), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const [record, type, label] = line.split(',').map((part) => part.trim());
      if (
        record === undefined ||
        !CHALLENGE_ALARM_TYPES.includes(type as ChallengeAlarmType) ||
        (label !== '0' && label !== '1')
      )
        throw new Error(`ALARMS line ${index + 1} is not "record,alarm type,0|1": ${line}`);
      return { record, alarmType: type as ChallengeAlarmType, trueAlarm: label === '1' };
    });
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (folder === undefined || folder.startsWith('-')) {
    console.error(
      'usage: npm run eval:alarms -- <folder with ALARMS and the records>   e.g. ../shared/data/eval/challenge-2015',
    );
    process.exit(2);
  }
  const answers = await readAnswers(folder);
  const started = performance.now();
  const decided: (ChallengeDecision & { trueAlarm: boolean })[] = [];
  for (const answer of answers)
    decided.push({
      ...(await decideChallengeRecord(join(folder, `${answer.record}.hea`), answer.alarmType)),
      trueAlarm: answer.trueAlarm,
    });
  const elapsed = performance.now() - started;

  const line = (label: string, rows: typeof decided): string => {
    const real = scoreChallenge(rows.map((row) => ({ kept: row.realTime, trueAlarm: row.trueAlarm })));
    const retro = scoreChallenge(rows.map((row) => ({ kept: row.retrospective, trueAlarm: row.trueAlarm })));
    return `${label.padEnd(26)}${String(rows.length).padStart(8)}${String(real.tp).padStart(5)}${String(real.fp).padStart(5)}${String(real.tn).padStart(5)}${String(real.fn).padStart(5)}${real.score.toFixed(1).padStart(8)}${(real.trueKept * 100).toFixed(0).padStart(7)} %${retro.score.toFixed(1).padStart(8)}`;
  };
  console.log(
    `${'alarm type'.padEnd(26)}${'records'.padStart(8)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'TN'.padStart(5)}${'FN'.padStart(5)}${'score'.padStart(8)}${'kept'.padStart(9)}${'retro'.padStart(8)}`,
  );
  for (const type of CHALLENGE_ALARM_TYPES)
    console.log(
      line(
        type,
        decided.filter((row) => row.alarmType === type),
      ),
    );
  console.log(line('all', decided));
  console.log(
    `\nreal time: data up to 5:00; retrospective: to the record's end. "kept": share of true alarms kept. ${(elapsed / 1000).toFixed(1)} s for ${decided.length} records.`,
  );
  const real = scoreChallenge(decided.map((row) => ({ kept: row.realTime, trueAlarm: row.trueAlarm })));
  const retro = scoreChallenge(decided.map((row) => ({ kept: row.retrospective, trueAlarm: row.trueAlarm })));
  const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places;
  console.log(
    `BENCH ${JSON.stringify({ records: decided.length, tp: real.tp, fp: real.fp, tn: real.tn, fn: real.fn, score: round(real.score, 2), true_kept: round(real.trueKept, 4), score_retrospective: round(retro.score, 2), ms_per_record: Math.round(elapsed / Math.max(1, decided.length)) })}`,
  );
}

main().catch((error: unknown) => {
  console.error(`eval:alarms: ${describeError(error)}`);
  process.exit(1);
});
