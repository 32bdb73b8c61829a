/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * The webPreferences of every station window. Spelled out even where they equal Electron's defaults, so that a
 * change of default or a careless edit shows up in review.
 */
import type { WebPreferences } from 'electron';

/** Hardened preferences; `preloadPath` is the bundled preload (CommonJS, sandbox-compatible). */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // A wall display must keep drawing and sounding alarms while another window has focus or it is occluded.
    backgroundThrottling: false,
    devTools: process.env.WARDWATCH_DEVTOOLS === '1',
  };
}
