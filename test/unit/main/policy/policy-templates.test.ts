/**
 * The templates IT deploys with (assets/policy/): the sample policy.json and the sample macOS profile are valid
 * policies, and the Group Policy template offers every setting the station reads, under the key it reads, with
 * the ranges the schema takes and a string for every text it shows. A setting added to the schema and not to a
 * template fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { parseStationPolicy, POLICY_SETTING_NAMES, stationPolicySchema } from '../../../../main/policy/station-policy';
import { WINDOWS_POLICY_KEY } from '../../../../main/policy/policy-place';

const ASSETS = join(import.meta.dirname, '../../../../assets/policy');
const read = (name: string): string => readFileSync(join(ASSETS, name), 'utf8');
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: () => false });

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as Node[]) : [value as Node];

describe('the sample policies', () => {
  it('policy.json sets every setting, validly', () => {
    const raw = JSON.parse(read('policy.json')) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual([...POLICY_SETTING_NAMES].sort());
    expect(() => parseStationPolicy(raw, 'assets/policy/policy.json')).not.toThrow();
  });

  it('the macOS profile carries a valid policy for the station’s bundle id, with the same settings', () => {
    const profile = parsePlist(read('org.wardwatch.station.mobileconfig')) as Node;
    expect(profile.PayloadType).toBe('Configuration');
    const [payload] = profile.PayloadContent as Node[];
    expect(payload?.PayloadType).toBe('org.wardwatch.station');
    const settings = Object.fromEntries(Object.entries(payload ?? {}).filter(([key]) => !key.startsWith('Payload')));
    expect(Object.keys(settings).sort()).toEqual([...POLICY_SETTING_NAMES].sort());
    expect(() => parseStationPolicy(settings, 'the sample profile')).not.toThrow();
  });
});

describe('the Group Policy template', () => {
  const admx = xml.parse(read('wardwatch.admx')) as Node;
  const adml = xml.parse(read('en-US/wardwatch.adml')) as Node;
  const policies = list(((admx.policyDefinitions as Node).policies as Node).policy);
  const resources = (adml.policyDefinitionResources as Node).resources as Node;
  const strings = new Set(list((resources.stringTable as Node).string).map((entry) => entry.id as string));
  const presentations = new Set(
    list((resources.presentationTable as Node).presentation).map((entry) => entry.id as string),
  );

  /** The registry value a policy writes: its own valueName, or its one element's. */
  const valueNameOf = (policy: Node): string => {
    if (typeof policy.valueName === 'string') return policy.valueName;
    const elements = policy.elements as Node;
    const [element] = Object.values(elements) as Node[];
    return element?.valueName as string;
  };

  it('offers every setting, each writing its one value under the key the station reads', () => {
    expect(policies.map(valueNameOf).sort()).toEqual([...POLICY_SETTING_NAMES].sort());
    const key = WINDOWS_POLICY_KEY.replace(/^HKLM\\/, '');
    for (const policy of policies) {
      expect(policy.key).toBe(key);
      expect(policy.class).toBe('Machine');
    }
  });

  it('gives the schema’s types and ranges: booleans as 1/0, numbers within the schema’s bounds', () => {
    const shape = stationPolicySchema.shape;
    for (const policy of policies) {
      const name = valueNameOf(policy) as keyof typeof shape;
      const elements = policy.elements as Node | undefined;
      const decimal = elements?.decimal as Node | undefined;
      if (policy.enabledValue !== undefined) {
        expect(shape[name].safeParse(1).success && shape[name].safeParse(0).success).toBe(true);
        expect(((policy.enabledValue as Node).decimal as Node).value).toBe('1');
      } else if (decimal !== undefined) {
        const [min, max] = [Number(decimal.minValue), Number(decimal.maxValue)];
        expect(shape[name].safeParse(min).success, `${name} takes ${min}`).toBe(true);
        expect(shape[name].safeParse(max).success, `${name} takes ${max}`).toBe(true);
        expect(shape[name].safeParse(min - 1).success, `${name} refuses ${min - 1}`).toBe(false);
        expect(shape[name].safeParse(max + 1).success, `${name} refuses ${max + 1}`).toBe(false);
      } else if (elements?.enum !== undefined) {
        for (const item of list((elements.enum as Node).item))
          expect(shape[name].safeParse((item.value as Node).string as string).success).toBe(true);
      } else {
        expect(elements?.text, `${name} is a text`).toBeDefined();
      }
    }
  });

  it('has a string for every text it shows and a presentation for every element', () => {
    const references = [...read('wardwatch.admx').matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThan(POLICY_SETTING_NAMES.length * 2);
    for (const id of references) expect(strings, `string ${id}`).toContain(id);
    for (const match of read('wardwatch.admx').matchAll(/\$\(presentation\.([A-Za-z0-9_]+)\)/g))
      expect(presentations, `presentation ${match[1]}`).toContain(match[1]);
  });
});
