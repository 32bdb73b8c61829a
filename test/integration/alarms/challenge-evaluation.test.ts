/**
 * The challenge-2015 evaluation's pieces on real records: the score is the challenge's formula, and a record's
 * decision comes from its signals alone (through the gateway's RecordingBed and alarm tracker). The figures over
 * the whole folder are `npm run eval:alarms` (they are far from the targets before issue 12's analysis).
 */
import { describe, expect, it } from 'vitest';
import { decideChallengeRecord, scoreChallenge } from '../../../gateway/alarms/challenge-evaluation';

const FOLDER = '../shared/data/eval/challenge-2015';

describe('challenge-2015 evaluation', () => {
  it('scores (TP+TN)/(TP+TN+FP+5·FN): a missed true alarm weighs five false ones', () => {
    const results = [
      ...Array.from({ length: 6 }, () => ({ kept: true, trueAlarm: true })),
      ...Array.from({ length: 2 }, () => ({ kept: true, trueAlarm: false })),
      ...Array.from({ length: 3 }, () => ({ kept: false, trueAlarm: false })),
      { kept: false, trueAlarm: true },
    ];
    expect(scoreChallenge(results)).toEqual({ tp: 6, fp: 2, tn: 3, fn: 1, score: (100 * 9) / 16, trueKept: 6 / 7 });
  });

  it('keeps a true extreme tachycardia from the derived heart rate, and decides the same from the same signals', async () => {
    const first = await decideChallengeRecord(`${FOLDER}/t580s.hea`, 'Tachycardia');
    expect(first).toEqual({ record: 't580s', alarmType: 'Tachycardia', realTime: true, retrospective: true });
    expect(await decideChallengeRecord(`${FOLDER}/t580s.hea`, 'Tachycardia')).toEqual(first);
  });
});
