/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * The only place a BrowserWindow is created. Its webPreferences are spelled out as a literal — even where they
 * equal Electron's defaults — so that a change of default or a careless edit shows in review and static checks
 * (electronegativity) can read them.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/** Window options a caller may choose; everything about web preferences is fixed here. */
export type HardenedWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'> & {
  /** The bundled preload (CommonJS, sandbox-compatible). */
  readonly preloadPath: string;
};

/** Creates a station window with the hardened preferences. */
export function createHardenedWindow({ preloadPath, ...options }: HardenedWindowOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // electronegativity-justified PRELOAD_JS_CHECK: the preload runs sandboxed and context-isolated and exposes
      // only the contract's named methods through contextBridge (preload/preload.ts); no Node API reaches the page.
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would otherwise try to open links in new windows (denied anyway by the navigation guard).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // A wall display must keep drawing and sounding alarms while another window has focus or it is occluded.
      backgroundThrottling: false,
      devTools: process.env.WARDWATCH_DEVTOOLS === '1',
    },
  });
}
