/**
 * Reads the Windows policy key (`HKLM\Software\Policies\WardWatch`, where Group Policy and Intune write) through
 * Windows' own `reg query`, not a native module: nothing to build for each Electron version, and the same
 * tool IT uses to check what a machine received. The parser is tested on captured `reg query` output.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { POLICY_SETTING_NAMES, PolicyError } from './station-policy';
import type { RawPolicy } from './policy-place';

/** What `reg query` printed and how it ended. */
export interface RegQueryOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `reg query <key> /reg:64` (the 64-bit view, which Group Policy writes). */
export type RunRegQuery = (key: string) => Promise<RegQueryOutput>;

/** Runs Windows' reg.exe by its full path, so that no program of the same name earlier on PATH answers instead. */
export const runWindowsRegQuery: RunRegQuery = (key) =>
  new Promise((resolve) => {
    const reg = join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe');
    execFile(reg, ['query', key, '/reg:64'], { windowsHide: true, timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ exitCode: code, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });

/** The settings under `key`; null when the key does not exist. @throws PolicyError when it cannot be read. */
export async function readRegistryPolicy(key: string, run: RunRegQuery = runWindowsRegQuery): Promise<RawPolicy> {
  const output = await run(key);
  if (output.exitCode !== 0) {
    // reg.exe's own wording when the key is absent (no policy set for WardWatch on this machine).
    if (/unable to find the specified registry key/i.test(output.stderr + output.stdout)) return null;
    throw new PolicyError(`registry key ${key}`, [
      `cannot be read (reg query ended with ${output.exitCode}: ${output.stderr.trim() || output.stdout.trim()})`,
    ]);
  }
  return parseRegQueryOutput(output.stdout, `registry key ${key}`);
}

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;
const canonicalName = new Map(POLICY_SETTING_NAMES.map((name) => [name.toLowerCase(), name as string]));

/**
 * The values of the key that `reg query` listed (not its subkeys). Names are matched to the policy's settings
 * without regard to case, as Windows itself treats them; DWORD and QWORD become numbers, MULTI_SZ a list,
 * EXPAND_SZ has its %VARIABLES% expanded. @throws PolicyError for a value of a type no setting takes (binary).
 */
export function parseRegQueryOutput(stdout: string, origin: string): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = VALUE_LINE.exec(line);
    if (match === null) continue;
    const [, rawName = '', type = '', data = ''] = match;
    if (rawName === '(Default)') continue;
    const name = canonicalName.get(rawName.toLowerCase()) ?? rawName;
    if (type === 'REG_SZ') settings[name] = data;
    else if (type === 'REG_EXPAND_SZ')
      settings[name] = data.replace(/%([^%]+)%/g, (whole, variable: string) => process.env[variable] ?? whole);
    else if (type === 'REG_DWORD' || type === 'REG_QWORD') settings[name] = Number.parseInt(data, 16);
    else if (type === 'REG_MULTI_SZ') settings[name] = data.length === 0 ? [] : data.split('\\0');
    else problems.push(`${name}: is ${type}, which no WardWatch setting takes (use REG_SZ or REG_DWORD)`);
  }
  if (problems.length > 0) throw new PolicyError(origin, problems);
  return settings;
}
