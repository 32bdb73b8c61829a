/**
 * The IPC sender check. Electron cannot run here, so the frames are stand-ins with the three members the check
 * reads (`url`, `parent`, `isDestroyed`) — named as fakes, shaped like Electron's WebFrameMain.
 */
import type { WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { isTrustedIpcSender } from '../../../../main/electron/security/ipc-sender-check';

function fakeFrame(url: string, options: { parent?: object | null; destroyed?: boolean } = {}): WebFrameMain {
  return {
    url,
    parent: options.parent ?? null,
    isDestroyed: () => options.destroyed ?? false,
  } as unknown as WebFrameMain;
}

describe('IPC sender check', () => {
  it('trusts the station UI’s top frame', () => {
    expect(isTrustedIpcSender(fakeFrame('app://station/index.html'))).toBe(true);
  });

  it.each([
    ['a subframe of the station UI', fakeFrame('app://station/index.html', { parent: {} })],
    ['a page that navigated elsewhere', fakeFrame('https://example.org/')],
    ['a file:// page', fakeFrame('file:///tmp/index.html')],
    ['a destroyed frame', fakeFrame('app://station/index.html', { destroyed: true })],
    ['no frame at all', null],
  ])('refuses %s', (_what, frame) => {
    expect(isTrustedIpcSender(frame)).toBe(false);
  });
});
