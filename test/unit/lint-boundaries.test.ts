/**
 * The process boundaries of DESIGN.md §1 are enforced by lint: these cases run the project's real ESLint config
 * on code placed (virtually) in each folder, and a forbidden import must fail.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const IMPORT_RULES = ['no-restricted-imports', 'wardwatch/process-boundaries'];

describe('import boundaries', () => {
  it.each([
    ['renderer/app/probe.ts', "import 'electron';\n"],
    ['renderer/app/probe.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"],
    ['renderer/app/probe.ts', "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n"],
    [
      'renderer/app/probe.ts',
      "import { createIpcRouter } from '../../main/ipc/router';\nexport const r = createIpcRouter;\n",
    ],
    [
      'renderer/app/probe.ts',
      "import { startGatewayServer } from '../../gateway/gateway-server';\nexport const s = startGatewayServer;\n",
    ],
    [
      'common/ipc/probe.ts',
      "import { createIpcRouter } from '../../main/ipc/router';\nexport const r = createIpcRouter;\n",
    ],
    ['common/ipc/probe.ts', "import { EventEmitter } from 'node:events';\nexport const e = EventEmitter;\n"],
    ['common/ipc/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['gateway/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['gateway/probe.ts', "import { createIpcRouter } from '../main/ipc/router';\nexport const r = createIpcRouter;\n"],
    ['main/ipc/probe.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n"],
    ['main/ipc/probe.ts', "import { App } from '../../renderer/app/App';\nexport const a = App;\n"],
    ['preload/probe.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"],
    ['preload/probe.ts', "import { createIpcRouter } from '../main/ipc/router';\nexport const r = createIpcRouter;\n"],
    // npm packages keep to their process too.
    ['common/wire/probe.ts', "import { WebSocketServer } from 'ws';\nexport const w = WebSocketServer;\n"],
    ['common/wire/probe.ts', "import { Server } from 'socket.io';\nexport const s = Server;\n"],
    ['common/wire/probe.ts', "import { PGlite } from '@electric-sql/pglite';\nexport const p = PGlite;\n"],
    ['common/wire/probe.ts', "import keytar from 'keytar';\nexport const k = keytar;\n"],
    ['common/wire/probe.ts', "import { useState } from 'react';\nexport const u = useState;\n"],
    ['renderer/app/probe.ts', "import { Server } from 'socket.io';\nexport const s = Server;\n"],
    ['renderer/app/probe.ts', "import { PGlite } from '@electric-sql/pglite';\nexport const p = PGlite;\n"],
    ['renderer/app/probe.ts', "import { WebSocketServer } from 'ws';\nexport const w = WebSocketServer;\n"],
    ['renderer/app/probe.ts', "import { live } from '@electric-sql/pglite/live';\nexport const l = live;\n"],
    ['preload/probe.ts', "import keytar from 'keytar';\nexport const k = keytar;\n"],
    ['gateway/probe.ts', "import keytar from 'keytar';\nexport const k = keytar;\n"],
    ['gateway/probe.ts', "import uPlot from 'uplot';\nexport const u = uPlot;\n"],
    ['main/ipc/probe.ts', "import { createRoot } from 'react-dom/client';\nexport const c = createRoot;\n"],
  ])('%s: %s fails lint', async (filePath, code) => {
    const rules = await ruleIdsFor(filePath, code);
    expect(rules.some((rule) => IMPORT_RULES.includes(rule))).toBe(true);
  });

  it.each([
    ['main/electron/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['preload/probe.ts', "import { contextBridge } from 'electron';\nexport const c = contextBridge;\n"],
    [
      'main/ipc/probe.ts',
      "import { startGatewayServer } from '../../gateway/gateway-server';\nimport { readFileSync } from 'node:fs';\nexport const s = [startGatewayServer, readFileSync];\n",
    ],
    [
      'renderer/app/probe.ts',
      "import { CALL_CHANNELS } from '../../common/ipc/channels';\nexport const c = CALL_CHANNELS;\n",
    ],
    ['gateway/probe.ts', "import { APP_VERSION } from '../common/app-version';\nexport const v = APP_VERSION;\n"],
    [
      'common/wire/probe.ts',
      "import { io } from 'socket.io-client';\nimport { z } from 'zod';\nexport const c = [io, z];\n",
    ],
    [
      'gateway/probe.ts',
      "import { Server } from 'socket.io';\nimport { PGlite } from '@electric-sql/pglite';\nexport const g = [Server, PGlite];\n",
    ],
    [
      'renderer/app/probe.ts',
      "import uPlot from 'uplot';\nimport { useState } from 'react';\nexport const r = [uPlot, useState];\n",
    ],
  ])('%s: an allowed import passes', async (filePath, code) => {
    const rules = await ruleIdsFor(filePath, code);
    expect(rules.filter((rule) => IMPORT_RULES.includes(rule))).toEqual([]);
  });
});
