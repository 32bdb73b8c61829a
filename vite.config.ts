import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** The renderer build: React UI and its module worker, served by Electron's app:// protocol or the browser host. */
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  define: { __WARDWATCH_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: true,
    // No inline scripts or styles (the CSP forbids them); every asset is a file of its own.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
