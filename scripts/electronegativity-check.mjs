#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over main/, preload/ and renderer/ together (its global checks — CSP,
 * navigation limits, permission handler — only see the app when it is scanned as one) and fails when a finding
 * of MEDIUM severity or above — or of unknown severity — is not justified by a comment
 * `electronegativity-justified CHECK_NAME: why` on the finding's line or the three lines above it. Offline it
 * cannot fetch Electron's release list, so the Electron version is passed explicitly.
 *
 * Findings come from its SARIF output (JSON, complete, but every level is "note"); severities from its CSV
 * output, which mangles rows whose code sample spans lines — so only rows that parse are trusted, and a finding
 * whose severity cannot be read counts as blocking.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SCANNED = ['main', 'preload', 'renderer'];
const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL', 'UNKNOWN']);
const work = join('.reports', 'electronegativity');
const input = join(work, 'input');
const sarifPath = join(work, 'findings.sarif');
const csvPath = join(work, 'findings.csv');

rmSync(work, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
for (const folder of SCANNED) cpSync(folder, join(input, folder), { recursive: true });

const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
for (const output of [sarifPath, csvPath]) {
  const run = spawnSync(
    process.execPath,
    [
      'node_modules/@doyensec/electronegativity/dist/index.js',
      '-i',
      input,
      '-e',
      electronVersion,
      '-r',
      '-v',
      'false',
      '-o',
      output,
    ],
    { encoding: 'utf8' },
  );
  if (!existsSync(output)) {
    console.error(`electronegativity produced no ${output} (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
}

/** Severity by `CHECK@file:line`, from the CSV rows that parse cleanly. */
const severities = new Map();
const row = /^([A-Z_]+_CHECK),"?(INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL)"?,"?[A-Z]+"?,"?([^",]+)"?,"?(\d+):\d+"?,/;
for (const line of readFileSync(csvPath, 'utf8').split('\n')) {
  const match = row.exec(line);
  if (match) severities.set(`${match[1]}@${match[3]}:${match[4]}`, match[2]);
}

const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
const findings = (sarif.runs ?? [])
  .flatMap((run) => run.results ?? [])
  .map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const file = location?.artifactLocation?.uri ?? 'N/A';
    const line = location?.region?.startLine ?? 0;
    const check = result.ruleId ?? '?';
    return {
      check,
      file,
      line,
      severity: severities.get(`${check}@${file}:${line}`) ?? severities.get(`${check}@N/A:0`) ?? 'UNKNOWN',
      description: result.message?.text ?? '',
    };
  });

function justification(finding) {
  if (finding.file === 'N/A' || !existsSync(finding.file)) return null;
  const lines = readFileSync(finding.file, 'utf8').split('\n');
  const from = Math.max(0, finding.line - 4);
  const nearby = lines.slice(from, finding.line).join('\n');
  const match = new RegExp(`electronegativity-justified ${finding.check}: (.+)`).exec(nearby);
  return match ? match[1].trim() : null;
}

let unjustified = 0;
console.log(`electronegativity (Electron ${electronVersion}) over ${SCANNED.join(', ')}:`);
console.log('severity  check                              where                                         status');
for (const finding of findings) {
  const reason = justification(finding);
  const blocking = BLOCKING.has(finding.severity);
  const status = !blocking ? 'low, noted' : reason !== null ? 'justified in code' : 'UNJUSTIFIED';
  if (blocking && reason === null) unjustified += 1;
  const where = finding.file === 'N/A' ? '(whole app)' : `${finding.file}:${finding.line}`;
  console.log(`${finding.severity.padEnd(9)} ${finding.check.padEnd(34)} ${where.padEnd(45)} ${status}`);
  if (blocking && reason === null) console.log(`          ${finding.description}`);
}
const count = (...levels) => findings.filter((finding) => levels.includes(finding.severity)).length;
console.log(
  `electronegativity: ${findings.length} findings (${count('HIGH', 'CRITICAL')} high, ${count('MEDIUM')} medium, ${count('LOW', 'INFORMATIONAL')} low, ${count('UNKNOWN')} of unreadable severity); ${unjustified} medium or above unjustified`,
);
process.exit(unjustified === 0 ? 0 : 1);
