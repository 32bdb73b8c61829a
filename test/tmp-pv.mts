import { AnalysedBed } from '../gateway/analysis/analysed-bed';
import { SimulatedBed } from '../gateway/simulator/simulated-bed';
import { rhythmIrregularity } from '../gateway/analysis/rhythm-rules';
const bed = new AnalysedBed(new SimulatedBed({ seed: 7919, label: 'B', startMs: 0, scenario: process.argv[2] as never }));
for (let ms = 40; ms <= 40000; ms += 40) bed.generate(ms);
const a = (bed as any).analysis;
for (const s of a.leads) { const b = s.analyzer.beats(); console.log(s.key, 'tw', s.analyzer.normalWidthMs().toFixed(0), 'irr', rhythmIrregularity(b)?.toFixed(3), b.slice(-16).map((x: any, i: number, arr: any[]) => `${x.ventricular ? 'V' : 'n'}${x.widthMs.toFixed(0)}/${x.correlation.toFixed(2)}/${i ? ((x.timeS - arr[i - 1].timeS) * 1000).toFixed(0) : ''}`).join(' ')); }
console.log((bed as any).device.recentBeatTimes().slice(-10).map((t: number, i: number, arr: number[]) => i ? ((t - arr[i - 1]) * 1000).toFixed(0) : '').join(' '));
