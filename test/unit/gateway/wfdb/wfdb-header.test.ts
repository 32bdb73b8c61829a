import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../gateway/wfdb/wfdb-error';
import { parseWfdbHeader } from '../../../../gateway/wfdb/wfdb-header';

describe('WFDB header parser', () => {
  it('skips comment and blank lines and keeps the comments', () => {
    const header = parseWfdbHeader(
      '# unnecessary comment\n100 2 360 650000\n100.dat 212 200 11 1024 995 -22131 0 MLII\n\n100.dat 212 200 11 1024 1011 20052 0 V5\n# 69 M 1085 1629 x1\n',
      '100.hea',
    );
    expect(header.kind).toBe('single');
    if (header.kind !== 'single') return;
    expect(header).toMatchObject({
      name: '100',
      frameRate: 360,
      frames: 650000,
      comments: ['unnecessary comment', '69 M 1085 1629 x1'],
    });
    expect(
      header.signals.map((signal) => [signal.description, signal.gain, signal.baseline, signal.units, signal.checksum]),
    ).toEqual([
      ['MLII', 200, 1024, 'mV', -22131],
      ['V5', 200, 1024, 'mV', 20052],
    ]);
  });

  it('reads gain with baseline and units, samples per frame, and the default gain', () => {
    const header = parseWfdbHeader(
      '041s01 3 125 1000  8:26:04 26/10/1994\n041s01.dat 212x4 2000 12 0 168 -2716 0 III\n041s01.dat 212 20(-1600)/mmHg 12 0 -242 -18875 0 ABP\nx.dat 16 0/NU 16 7 0 0 0 PLETH\n',
      '041s01.hea',
    );
    if (header.kind !== 'single') throw new Error('expected a single-segment header');
    expect(
      header.signals.map((signal) => [signal.samplesPerFrame, signal.gain, signal.baseline, signal.units]),
    ).toEqual([
      [4, 2000, 0, 'mV'],
      [1, 20, -1600, 'mmHg'],
      [1, 200, 7, 'NU'],
    ]);
  });

  it('reads fractional frequencies and multi-segment headers with gaps', () => {
    expect(
      parseWfdbHeader('n 1 0.0166666666667/125 72\nn.dat 16 10/bpm 16 0 1013 29319 0 HR\n', 'n.hea').frameRate,
    ).toBeCloseTo(1 / 60, 9);
    const multi = parseWfdbHeader('s/3 3 125 30\nlayout 0\n~ 10\nseg 20\n', 's.hea');
    expect(multi).toMatchObject({
      kind: 'multi',
      signalCount: 3,
      segments: [
        { name: 'layout', frames: 0 },
        { name: '~', frames: 10 },
        { name: 'seg', frames: 20 },
      ],
    });
  });

  it.each([
    ['', /the header has no record line/],
    ['r 2 360\nr.dat 212 200 11 1024 0 0 0 I\n', /announces 2 signals but 1 signal lines follow/],
    ['r 1 360\nr.dat 311 200 11 1024 0 0 0 I\n', /storage format 311 is not supported/],
    ['r 1 360\nr.dat 0 200 11 1024 0 0 0 I\n', /storage format 0 is not supported/],
    ['r 1 fast\n', /sampling frequency "fast"/],
    ['r 1 360\nr.dat 212 lots 11 0 0 0 0 I\n', /cannot read the gain "lots"/],
    ['s/2 1 125\nseg 10\n', /announces 2 segments but 1 follow/],
    // A segment is a record of the same folder; a path would read outside the recordings folder.
    ['s/2 1 125 20\nlayout 0\n../../etc/passwd 20\n', /segment name "..\/..\/etc\/passwd" is not a record name/],
    ['s/1 1 125 20\n/etc/hosts 20\n', /segment name "\/etc\/hosts" is not a record name/],
  ])('names the file and the problem: %j', (text, message) => {
    expect(() => parseWfdbHeader(text, 'bad.hea')).toThrow(WfdbError);
    expect(() => parseWfdbHeader(text, 'bad.hea')).toThrow(message);
    expect(() => parseWfdbHeader(text, 'bad.hea')).toThrow(/^bad\.hea: /);
  });
});
