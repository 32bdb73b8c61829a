import { AnalysedBed } from '../gateway/analysis/analysed-bed';
import { SimulatedBed } from '../gateway/simulator/simulated-bed';
import { BedAlarmTracker } from '../gateway/alarms/bed-alarm-tracker';
import { DEFAULT_WARD_SETTINGS } from '../common/wire/ward-settings';
const policy = DEFAULT_WARD_SETTINGS.alarmPolicy;
for (const [a, b, c] of [[8, 16, 22], [10, 20, 26], [12, 19, 25], [9, 21, 27], [11, 17, 24]]) for (const seed of [7921]) {
  const bed = new AnalysedBed(new SimulatedBed({ seed, label: 'B', startMs: 0, script: [{ atMs: a * 1000, scenario: 'vf' }, { atMs: b * 1000, scenario: 'normal' }, { atMs: c * 1000, scenario: 'vf' }] }));
  const tracker = new BedAlarmTracker('b', 'b', () => 'x');
  let numerics = {}; const raised: string[] = [];
  for (let ms = 40; ms <= 45000; ms += 40) {
    bed.generate(ms);
    if (ms % 1000 === 0) numerics = bed.numerics(ms);
    if (ms < 1000) continue;
    for (const ch of tracker.observe({ numerics, rhythm: bed.rhythm() }, policy, ms)) raised.push(`${(ms / 1000).toFixed(1)}:${ch.kind}:${ch.alarm.condition}`);
  }
  console.log(a, b, c, raised.join(' '));
}
