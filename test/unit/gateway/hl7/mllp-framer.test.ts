/**
 * MLLP framing over a byte stream (issue 15, decision 0019): whatever way TCP splits or joins the reads, every frame
 * comes out whole and in order; bytes outside frames are counted, not taken for a message; a frame over the limit is
 * refused once its end arrives, without being kept.
 */
import { describe, expect, it } from 'vitest';
import { mllpFrame, MllpFramer, type MllpFrameEvent } from '../../../../gateway/hl7/mllp-framer';

const first = 'MSH|^~\\&|Acme||||20261201||ORU^R01^ORU_R01|M1|P|2.6\rOBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|80';
const second =
  'MSH|^~\\&|Acme||||20261201||ORU^R01^ORU_R01|M2|P|2.6\rOBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|97';

function frames(events: readonly MllpFrameEvent[]): string[] {
  return events.flatMap((event) => (event.kind === 'frame' ? [event.payload.toString('utf8')] : []));
}

describe('the MLLP framer', () => {
  it('splits two frames that arrive in one read', () => {
    const framer = new MllpFramer(1 << 20);
    expect(frames(framer.push(Buffer.concat([mllpFrame(first), mllpFrame(second)])))).toEqual([first, second]);
  });

  it('joins frames split at every possible byte, the end bytes included', () => {
    const stream = Buffer.concat([mllpFrame(first), mllpFrame(second)]);
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const framer = new MllpFramer(1 << 20);
      const out = [...framer.push(stream.subarray(0, cut)), ...framer.push(stream.subarray(cut))];
      expect(frames(out), `cut at ${cut}`).toEqual([first, second]);
    }
  });

  it('takes a frame fed one byte at a time', () => {
    const framer = new MllpFramer(1 << 20);
    const out: MllpFrameEvent[] = [];
    for (const byte of mllpFrame(first)) out.push(...framer.push(Buffer.from([byte])));
    expect(frames(out)).toEqual([first]);
  });

  it('counts bytes outside frames and never takes them for a message', () => {
    const framer = new MllpFramer(1 << 20);
    const out = framer.push(
      Buffer.concat([Buffer.from('GET / HTTP/1.1\r\n\r\n'), mllpFrame(first), Buffer.from('xx')]),
    );
    expect(frames(out)).toEqual([first]);
    const outside = out.filter((event) => event.kind === 'outside-frame');
    expect(outside.reduce((sum, event) => sum + (event.kind === 'outside-frame' ? event.bytes : 0), 0)).toBe(20);
  });

  it('refuses a frame over the limit once it ends, keeps none of it, and takes the next frame', () => {
    const framer = new MllpFramer(64);
    const big = `MSH|^~\\&|${'x'.repeat(500)}`;
    const out = [...framer.push(mllpFrame(big).subarray(0, 300)), ...framer.push(mllpFrame(big).subarray(300))];
    expect(out).toEqual([{ kind: 'oversized', bytes: big.length }]);
    expect(frames(framer.push(mllpFrame('MSH|^~\\&|ok')))).toEqual(['MSH|^~\\&|ok']);
  });

  it('drops a frame its sender abandoned (a new start before its end) and takes the new one', () => {
    const framer = new MllpFramer(1 << 20);
    const out = framer.push(Buffer.concat([Buffer.from([0x0b]), Buffer.from('MSH|half'), mllpFrame(second)]));
    expect(frames(out)).toEqual([second]);
    expect(out.some((event) => event.kind === 'outside-frame')).toBe(true);
  });
});
