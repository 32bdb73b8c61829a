/**
 * Quitting waits for the runtime to close (issue 14, finding 9: Electron's will-quit did not await it, so the
 * embedded gateway's database could be cut mid-write), within a bound, and exits even when closing fails.
 */
import { describe, expect, it } from 'vitest';
import { closeBeforeExit } from '../../../../common/process/close-before-exit';
import { createRecordingLogger } from '../../../support/recording-logger';

function quitEvent(): { preventDefault(): void; prevented: number } {
  const event = {
    prevented: 0,
    preventDefault() {
      event.prevented += 1;
    },
  };
  return event;
}

describe('closing before exit', () => {
  it('holds the quit back until the runtime has closed, then exits 0 — once, however often quit is asked', async () => {
    const order: string[] = [];
    let finishClose: () => void = () => undefined;
    const exited = new Promise<number>((resolve) => {
      const quit = closeBeforeExit(
        () =>
          new Promise<void>((done) => {
            order.push('closing');
            finishClose = () => {
              order.push('closed');
              done();
            };
          }),
        (code) => {
          order.push('exit');
          resolve(code);
        },
        createRecordingLogger(),
      );
      const first = quitEvent();
      const second = quitEvent();
      quit(first);
      quit(second);
      expect(first.prevented + second.prevented).toBe(2);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['closing']);
    finishClose();
    expect(await exited).toBe(0);
    expect(order).toEqual(['closing', 'closed', 'exit']);
  });

  it('exits 1 with a log line when closing fails or hangs past the bound', async () => {
    const logger = createRecordingLogger();
    const failed = await new Promise<number>((resolve) =>
      closeBeforeExit(() => Promise.reject(new Error('database gone')), resolve, logger)(),
    );
    const hung = await new Promise<number>((resolve) =>
      closeBeforeExit(() => new Promise<void>(() => undefined), resolve, logger, 30)(),
    );
    expect([failed, hung]).toEqual([1, 1]);
    expect(logger.lines.map((line) => line.message)).toEqual([
      'closing failed; exiting anyway',
      'did not close in time; exiting anyway',
    ]);
  });
});
