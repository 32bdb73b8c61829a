/**
 * The short run of `npm run test:fuzz`: a few thousand inputs from a fixed seed into every edge (the parsers, the
 * gateway's socket events, handshakes, sign-in HTTP, FHIR and HL7 port, the browser host's WebSocket, the fan-out bus), each of
 * which must answer or refuse every one of them and still work afterwards, with no uncaught exception or unhandled
 * rejection. The 1,000,000-input run is the command.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../fuzz/fuzz-run';

describe('fuzz, short seed run', () => {
  it('every edge answers hostile input and still works', async () => {
    const figures = await runFuzz(4000, 20261202);
    for (const target of figures.targets) {
      expect(target.inputs, target.name).toBeGreaterThan(0);
      expect(target.examples, target.name).toEqual([]);
      expect(target.afterwards, target.name).toBeNull();
    }
    expect(figures.targets.map((target) => target.name)).toHaveLength(11);
    expect(figures.processProblems).toEqual([]);
    expect(figures.uncaughtExceptions + figures.unhandledRejections).toBe(0);
  }, 180_000);
});
