/** Replaced at build time by esbuild, Vite and Vitest with package.json's version. */
declare const __WARDWATCH_VERSION__: string | undefined;

/** The WardWatch release this code belongs to (station and gateway report it to each other). */
export const APP_VERSION: string =
  typeof __WARDWATCH_VERSION__ === 'string' ? __WARDWATCH_VERSION__ : '0.0.0-development';
