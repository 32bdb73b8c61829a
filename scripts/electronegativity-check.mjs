#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over main/, preload/ and renderer/ together (its global checks — CSP,
 * navigation limits, permission handler — only see the app when it is scanned as one) and fails when a finding
 * of MEDIUM severity or above is not justified by a comment `electronegativity-justified CHECK_NAME: why` on
 * the finding's line or the three lines above it. Offline it cannot fetch Electron's release list, so the
 * Electron version is passed explicitly.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SCANNED = ['main', 'preload', 'renderer'];
const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const work = join('.reports', 'electronegativity');
const input = join(work, 'input');
const csvPath = join(work, 'findings.csv');

rmSync(work, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
for (const folder of SCANNED) cpSync(folder, join(input, folder), { recursive: true });

const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const run = spawnSync(
  process.execPath,
  ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', input, '-e', electronVersion, '-r', '-v', 'false', '-o', csvPath],
  { encoding: 'utf8' },
);
if (!existsSync(csvPath)) {
  console.error(`electronegativity produced no findings file (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}

/** Parses CSV text into rows of fields, honouring double-quoted fields (which may hold commas and newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field.trim());
      field = '';
    } else if (char === '\n') {
      row.push(field.trim());
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field.trim());
  if (row.some((value) => value !== '')) rows.push(row);
  return rows;
}

const findings = parseCsv(readFileSync(csvPath, 'utf8'))
  .slice(1)
  .map(([check = '?', severity = '?', confidence = '?', file = 'N/A', location = '0:0', , description = '']) => ({
    check,
    severity,
    confidence,
    file,
    line: Number(location.split(':')[0]),
    description,
  }));

function justification(finding) {
  if (finding.file === 'N/A' || !existsSync(finding.file)) return null;
  const lines = readFileSync(finding.file, 'utf8').split('\n');
  const from = Math.max(0, finding.line - 4);
  const nearby = lines.slice(from, finding.line).join('\n');
  const match = new RegExp(`electronegativity-justified ${finding.check}: (.+)`).exec(nearby);
  return match ? match[1].trim() : null;
}

let unjustified = 0;
console.log(`electronegativity ${electronVersion === undefined ? '' : `(Electron ${electronVersion}) `}over ${SCANNED.join(', ')}:`);
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
const count = (severity) => findings.filter((finding) => finding.severity === severity).length;
console.log(
  `electronegativity: ${findings.length} findings (${count('HIGH') + count('CRITICAL')} high, ${count('MEDIUM')} medium, ${count('LOW') + count('INFORMATIONAL')} low); ${unjustified} medium or above unjustified`,
);
process.exit(unjustified === 0 ? 0 : 1);
