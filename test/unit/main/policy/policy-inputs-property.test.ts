/**
 * A policy is input from outside the program: whatever a registry, a plist or a JSON file holds, reading it ends in
 * a policy or in a PolicyError that says what is wrong — never another exception (fast-check, generated inputs and
 * mutations of the samples IT starts from).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it, vi } from 'vitest';
import { readJsonPolicyFile } from '../../../../main/policy/json-policy-file';
import { readPlistPolicyFile } from '../../../../main/policy/plist-policy-file';
import { parseRegQueryOutput } from '../../../../main/policy/registry-policy';
import { parseStationPolicy, POLICY_SETTING_NAMES, PolicyError } from '../../../../main/policy/station-policy';

const ASSETS = join(import.meta.dirname, '../../../../assets/policy');
const FIXTURES = join(import.meta.dirname, '../../../fixtures/policy');
const dir = mkdtempSync(join(tmpdir(), 'wardwatch-policy-prop-'));

/** Runs `read`; true when it answered with a policy, nothing, or a PolicyError. */
async function endsWell(read: () => unknown): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.length > 0;
    throw error;
  }
}

/** Bytes of `base` with a few changed, cut or inserted. */
const mutated = (base: Uint8Array) =>
  fc
    .array(
      fc.tuple(fc.nat({ max: base.length }), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'cut', 'insert')),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .map((edits) => {
      let bytes = Array.from(base);
      for (const [at, value, kind] of edits) {
        if (kind === 'set') bytes[at] = value;
        else if (kind === 'cut') bytes = bytes.slice(0, at);
        else bytes.splice(at, 0, value);
      }
      return Uint8Array.from(bytes);
    });

const settingValue = fc.oneof(
  fc.anything(),
  fc.integer({ min: -5, max: 5000 }),
  fc.string(),
  fc.array(fc.oneof(fc.string(), fc.integer())),
);

describe('policy input from outside', () => {
  it('any settings object is a policy or a PolicyError', async () => {
    const raw = fc.dictionary(fc.oneof(fc.constantFrom(...POLICY_SETTING_NAMES), fc.string()), settingValue);
    await fc.assert(
      fc.asyncProperty(raw, (settings) => endsWell(() => parseStationPolicy(settings, 'test'))),
      {
        numRuns: 2000,
      },
    );
  });

  it('any reg query output is settings or a PolicyError', async () => {
    const captured = readFileSync(join(FIXTURES, 'reg-query-wardwatch.txt'));
    const output = fc.oneof(
      fc.string(),
      mutated(captured).map((bytes) => Buffer.from(bytes).toString('utf8')),
    );
    await fc.assert(
      fc.asyncProperty(output, (text) => endsWell(() => parseStationPolicy(parseRegQueryOutput(text, 'reg'), 'reg'))),
      { numRuns: 1000 },
    );
  });

  it('any plist file — the samples mutated, binary or XML — is a policy, none, or a PolicyError', async () => {
    const bases = [
      readFileSync(join(FIXTURES, 'managed-preferences-binary.plist')),
      readFileSync(join(FIXTURES, 'managed-preferences-xml.plist')),
    ];
    const path = join(dir, 'managed.plist');
    // The plist package's XML parser (xmldom) prints each broken document to the console; hundreds here.
    const quiet = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')].map((spy) =>
      spy.mockImplementation(() => undefined),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutated(bases[0] as Buffer), mutated(bases[1] as Buffer), fc.uint8Array()),
        async (bytes) => {
          writeFileSync(path, bytes);
          return endsWell(async () => {
            const raw = await readPlistPolicyFile(path);
            return raw === null ? null : parseStationPolicy(raw, path);
          });
        },
      ),
      { numRuns: 500 },
    );
    for (const spy of quiet) spy.mockRestore();
  });

  it('any JSON policy file — the sample mutated — is a policy or a PolicyError', async () => {
    const path = join(dir, 'policy.json');
    await fc.assert(
      fc.asyncProperty(mutated(readFileSync(join(ASSETS, 'policy.json'))), async (bytes) => {
        writeFileSync(path, bytes);
        return endsWell(async () => {
          const raw = await readJsonPolicyFile(path);
          return raw === null ? null : parseStationPolicy(raw, path);
        });
      }),
      { numRuns: 500 },
    );
  });
});
