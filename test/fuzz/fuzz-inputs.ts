/**
 * The fuzz suite's inputs, as fast-check arbitraries (so a run is reproducible from its seed): wholly generated
 * values, and real traffic mutated — a real input (an encoded waveform batch, a recorded HL7 message, a PhysioNet
 * header, a valid request payload) with bytes flipped, inserted, deleted, duplicated or cut. Mutation reaches the
 * code behind a parser's first checks, which random bytes almost never get past.
 */
import fc from 'fast-check';

/** One edit of a byte string. */
type Edit =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'set'; readonly at: number; readonly byte: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'repeat'; readonly at: number; readonly length: number; readonly times: number }
  | { readonly op: 'cut'; readonly at: number };

/** Bytes a parser treats specially: delimiters of HL7, MLLP and WFDB, digits, signs, NUL, high bytes. */
const INTERESTING_BYTES = [
  0x00, 0x0b, 0x0d, 0x0a, 0x1c, 0x7c, 0x5e, 0x26, 0x7e, 0x5c, 0x2d, 0x2b, 0x2e, 0x30, 0x39, 0x20, 0x7f, 0x80, 0xff,
];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    op: fc.constant('set' as const),
    at: fc.nat(),
    byte: fc.oneof(fc.constantFrom(...INTERESTING_BYTES), fc.integer({ min: 0, max: 255 })),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    op: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 64 }),
    times: fc.integer({ min: 2, max: 64 }),
  }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
);

function apply(bytes: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let current = bytes;
  for (const change of edits) {
    const at = current.length === 0 ? 0 : change.at % (current.length + 1);
    switch (change.op) {
      case 'flip':
        if (at < current.length) {
          current = current.slice();
          current[at] = (current[at] as number) ^ (1 << change.bit);
        }
        break;
      case 'set':
        if (at < current.length) {
          current = current.slice();
          current[at] = change.byte;
        }
        break;
      case 'insert': {
        const next = new Uint8Array(current.length + change.bytes.length);
        next.set(current.subarray(0, at));
        next.set(change.bytes, at);
        next.set(current.subarray(at), at + change.bytes.length);
        current = next;
        break;
      }
      case 'delete': {
        const next = new Uint8Array(current.length - Math.min(change.length, current.length - at));
        next.set(current.subarray(0, at));
        next.set(current.subarray(at + change.length), at);
        current = next;
        break;
      }
      case 'repeat': {
        const piece = current.subarray(at, at + change.length);
        const next = new Uint8Array(current.length + piece.length * (change.times - 1));
        next.set(current.subarray(0, at));
        for (let copy = 0; copy < change.times; copy += 1) next.set(piece, at + copy * piece.length);
        next.set(current.subarray(at + piece.length), at + piece.length * change.times);
        current = next;
        break;
      }
      case 'cut':
        current = current.subarray(0, at);
        break;
    }
  }
  return current;
}

/** One of `seeds` with 1–8 edits (and now and then none, so that the real input itself is fed too). */
export function mutatedBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  if (seeds.length === 0) throw new Error('mutation needs at least one real input');
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 0, maxLength: 8 }))
    .map(([seed, edits]) => apply(seed, edits));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Text mutated as bytes (so that it can come out as invalid UTF-8, read with replacement characters). */
export function mutatedText(seeds: readonly string[]): fc.Arbitrary<string> {
  return mutatedBytes(seeds.map((seed) => encoder.encode(seed))).map((bytes) => decoder.decode(bytes));
}

/** Bytes: mutated real ones, or wholly random (also empty and long). */
export function bytesLike(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 4, arbitrary: mutatedBytes(seeds) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }) },
  );
}

/** Text: mutated real text, random strings of any code points, or text made of the format's delimiters. */
export function textLike(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: mutatedText(seeds) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2048 }) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: fc.constantFrom(...'|^~\\&\r\n 0123456789.-+MSHOBXPIDESC#/'), maxLength: 512 }),
    },
  );
}

/**
 * A JSON-ish value for a request: a valid one with a field changed, removed, or of another type; or anything at all
 * (including values JSON cannot say, which socket.io and the IPC carry differently).
 */
export function payloadLike(valid: readonly unknown[]): fc.Arbitrary<unknown> {
  const anything = fc.oneof(
    fc.anything({
      maxDepth: 3,
      maxKeys: 6,
      withNullPrototype: true,
      withBigInt: false,
      withMap: false,
      withSet: false,
    }),
    fc.constantFrom(null, undefined, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, '', 'a'.repeat(70_000), [], {}),
  );
  const changed = fc
    .tuple(fc.constantFrom(...valid), fc.nat(), anything, fc.boolean())
    .map(([base, which, value, remove]) => {
      if (base === null || typeof base !== 'object' || Array.isArray(base)) return value;
      const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
      const keys = Object.keys(copy);
      if (keys.length === 0) return { [String(which)]: value };
      const key = keys[which % keys.length] as string;
      if (remove) delete copy[key];
      else copy[key] = value;
      return copy;
    });
  return fc.oneof(
    { weight: 3, arbitrary: changed },
    { weight: 1, arbitrary: anything },
    { weight: 1, arbitrary: fc.constantFrom(...valid) },
  );
}
