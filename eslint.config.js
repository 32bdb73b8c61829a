/**
 * Lint, including the process boundaries of DESIGN.md §1 (the VS Code habit: code is split by the runtime it
 * needs, and a lint rule keeps it that way):
 *   common → nothing of ours; gateway → common; main → common, gateway; preload → common; renderer → common.
 *   Only main/electron/ and preload/ import 'electron'. common, preload and renderer never import Node built-ins.
 *   npm packages follow the same lines: server-side packages (socket.io's server, ws, the databases, the keychain)
 *   stay out of common, preload and renderer; UI packages (React, uPlot, React Query) stay in the renderer; the
 *   keychain is the station's, never the gateway's.
 * test/unit/lint-boundaries.test.ts proves that a forbidden import fails.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import wardwatch from './scripts/eslint-rules/process-boundaries.js';

const FOLDERS = ['common', 'gateway', 'main', 'preload', 'renderer'];

/** Which of our folders each folder may import from. */
const ALLOWED = {
  common: [],
  gateway: ['common'],
  main: ['common', 'gateway'],
  preload: ['common'],
  renderer: ['common'],
};

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

/** Packages that need a server process (Node sockets, native or database engines, the OS keychain). */
const SERVER_PACKAGES = ['socket.io', 'ws', '@electric-sql/pglite', 'pg', 'keytar'];
/** Packages of the user interface. */
const UI_PACKAGES = ['react', 'react-dom', 'uplot', '@tanstack/react-query'];

/** `no-restricted-imports` options for a folder: what it must never import by module name. */
function restrictedModules({ electron, node, packages = [] }) {
  const paths = [];
  const patterns = [];
  for (const name of packages) {
    const message = `'${name}' does not belong in this process (DESIGN.md §1; eslint.config.js lists which packages go where).`;
    paths.push({ name, message });
    patterns.push({ group: [`${name}/*`], message });
  }
  if (!electron) {
    paths.push({ name: 'electron', message: "Only main/electron/ and preload/ may import 'electron' (DESIGN.md §1)." });
  }
  if (!node) {
    const message = 'This folder runs without Node (DESIGN.md §1): no Node built-ins.';
    patterns.push({ group: ['node:*'], message });
    for (const name of nodeBuiltins) paths.push({ name, message });
  }
  return ['error', { paths, patterns }];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      '.tsbuild/**',
      'test-results/**',
      '.reports/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { wardwatch },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      'wardwatch/process-boundaries': ['error', { folders: FOLDERS, allowed: ALLOWED }],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictedModules({
        electron: false,
        node: false,
        packages: [...SERVER_PACKAGES, ...UI_PACKAGES],
      }),
    },
  },
  {
    files: ['gateway/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': restrictedModules({ electron: false, node: true, packages: [...UI_PACKAGES, 'keytar'] }),
    },
  },
  {
    files: ['main/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': restrictedModules({ electron: false, node: true, packages: UI_PACKAGES }) },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': restrictedModules({ electron: true, node: true, packages: UI_PACKAGES }) },
  },
  {
    files: ['preload/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': restrictedModules({
        electron: true,
        node: false,
        packages: [...SERVER_PACKAGES, ...UI_PACKAGES],
      }),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrictedModules({ electron: false, node: false, packages: SERVER_PACKAGES }),
    },
  },
  {
    files: ['test/**/*.{ts,mts,mjs}', 'scripts/**/*.{js,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
);
