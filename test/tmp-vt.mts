import { readFile } from 'node:fs/promises';
import { decideChallengeRecord, scoreChallenge, type ChallengeAlarmType } from '../gateway/alarms/challenge-evaluation';
const folder = '../shared/data/eval/challenge-2015';
const lines = (await readFile(`${folder}/ALARMS`, 'utf8')).trim().split('\n');
const rows: { kept: boolean; trueAlarm: boolean }[] = [];
for (const line of lines) {
  const [name, type, label] = line.split(',');
  if (!type.startsWith(process.argv[2] ?? '')) continue;
  const d = await decideChallengeRecord(`${folder}/${name}.hea`, type as ChallengeAlarmType);
  rows.push({ kept: d.realTime, trueAlarm: label === '1' });
}
console.log(JSON.stringify(scoreChallenge(rows)));
