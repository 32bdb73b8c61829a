#!/usr/bin/env node
/**
 * Builds everything into dist/: the Node/Electron bundles with esbuild (main, browser host, gateway, preload) and
 * the renderer with Vite. One command for `npm start`, `npm run serve`, the tests and packaging.
 */
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFile, rm } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __WARDWATCH_VERSION__: JSON.stringify(pkg.version) };
const started = performance.now();

await rm('dist', { recursive: true, force: true });

const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  // node_modules are shipped beside the bundle (electron-builder packs them), so they stay external.
  packages: 'external',
  define,
  logLevel: 'warning',
};

await Promise.all([
  esbuild({
    ...nodeBundle,
    entryPoints: {
      'gateway/gateway-cli': 'gateway/gateway-cli.ts',
      'gateway/users-cli': 'gateway/tools/users-cli.ts',
      'gateway/journal-cli': 'gateway/tools/journal-cli.ts',
      'gateway/alarm-manager-cli': 'gateway/tools/alarm-manager-cli.ts',
      'gateway/hl7-device-cli': 'gateway/tools/hl7-device-cli.ts',
      'gateway/remote-devices-cli': 'gateway/tools/remote-devices-cli.ts',
      // The FHIR validator's thread, beside every bundle that contains a gateway (gateway/fhir/fhir-validator.ts).
      'gateway/fhir-validator-worker': 'gateway/fhir/fhir-validator-worker.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
  }),
  esbuild({
    ...nodeBundle,
    entryPoints: {
      'main/browser-host': 'main/browser-host-cli.ts',
      'main/electron-main': 'main/electron/electron-main.ts',
      'main/fhir-validator-worker': 'gateway/fhir/fhir-validator-worker.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
  }),
  // A sandboxed preload can require only 'electron' (and a few Node shims): bundle everything else into one
  // CommonJS file.
  esbuild({
    bundle: true,
    platform: 'node',
    target: 'chrome140',
    format: 'cjs',
    external: ['electron'],
    define,
    entryPoints: { 'preload/preload': 'preload/preload.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
  }),
]);

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(`build: dist/ ready in ${Math.round(performance.now() - started)} ms`);
