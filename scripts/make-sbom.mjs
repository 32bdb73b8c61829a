/**
 * `npm run sbom`: writes release/sbom.cdx.json, a CycloneDX 1.6 JSON bill of materials of every component the
 * station ships, for the FDA/EU cybersecurity file and the hospital's inventory (issue 18). Made offline by
 * @cyclonedx/cyclonedx-npm from the installed tree (the runtime dependencies, not the build tools), reproducible
 * (no timestamp or random serial, so the same tree gives the same file), and validated by that tool against the
 * CycloneDX schema before it is written. Electron is a build tool in package.json but its runtime — Chromium and
 * Node.js — is inside every installer, so it is added as a component of its own (with its Node ABI; the Chromium
 * version is in its release notes, as the package itself does not state it).
 * `npm run dist` makes it first, into the same release/ folder as the installers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--output F` writes elsewhere (the test's temporary folder).
const outputAt = process.argv.indexOf('--output');
const output = outputAt > 0 ? process.argv[outputAt + 1] : join(root, 'release', 'sbom.cdx.json');
const tool = join(root, 'node_modules', '@cyclonedx', 'cyclonedx-npm', 'bin', 'cyclonedx-npm-cli.js');

const text = execFileSync(
  process.execPath,
  [
    tool,
    '--omit',
    'dev',
    '--spec-version',
    '1.6',
    '--output-reproducible',
    '--validate',
    '--mc-type',
    'application',
    '--output-file',
    '-',
  ],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
);
const bom = JSON.parse(text);

const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));
const abi = readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
bom.components.push({
  type: 'framework',
  'bom-ref': `pkg:npm/electron@${electron.version}`,
  name: 'electron',
  version: electron.version,
  description: 'The desktop runtime inside every installer (Chromium and Node.js)',
  licenses: [{ license: { id: electron.license, acknowledgement: 'declared' } }],
  purl: `pkg:npm/electron@${electron.version}`,
  externalReferences: [{ type: 'release-notes', url: `https://releases.electronjs.org/release/v${electron.version}` }],
  properties: [{ name: 'wardwatch:electron:node-abi', value: abi }],
});
const main = bom.metadata.component['bom-ref'];
const dependsOn = bom.dependencies.find((entry) => entry.ref === main);
dependsOn?.dependsOn.push(`pkg:npm/electron@${electron.version}`);
bom.dependencies.push({ ref: `pkg:npm/electron@${electron.version}` });

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(bom, null, 2)}\n`);
console.log(`sbom: ${output} — ${bom.components.length} components (CycloneDX ${bom.specVersion})`);
