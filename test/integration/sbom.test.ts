/**
 * `npm run sbom` (issue 18): the bill of materials hospital IT files for the FDA/EU cybersecurity review. It must
 * be valid CycloneDX — checked by the CycloneDX project's own validator (@cyclonedx/cyclonedx-library's strict JSON
 * schema validator, as @cyclonedx/cyclonedx-npm installs it), not by our code — and list every runtime dependency
 * the installers ship with its installed version and a license, plus Electron's runtime, and no build tool.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Component {
  readonly name: string;
  readonly group?: string;
  readonly version: string;
  readonly purl?: string;
  readonly licenses?: readonly ({ license: { id?: string; name?: string } } | { expression: string })[];
  readonly components?: readonly Component[];
}

/** The part of @cyclonedx/cyclonedx-library used here (it is the tool's own dependency, not one of ours). */
interface CycloneDxLibrary {
  readonly Spec: { readonly Version: { readonly v1dot6: string } };
  readonly Validation: {
    readonly JsonStrictValidator: new (version: string) => { validate(data: string): Promise<unknown> };
  };
}

function everyComponent(components: readonly Component[]): Component[] {
  return components.flatMap((component) => [component, ...everyComponent(component.components ?? [])]);
}

const fullName = (component: Component): string =>
  component.group === undefined || component.group === '' ? component.name : `${component.group}/${component.name}`;

const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

describe('the SBOM', () => {
  const output = join(mkdtempSync(join(tmpdir(), 'wardwatch-sbom-')), 'sbom.cdx.json');
  execFileSync(process.execPath, [join(root, 'scripts/make-sbom.mjs'), '--output', output], {
    cwd: root,
    stdio: 'pipe',
  });
  const text = readFileSync(output, 'utf8');
  const bom = JSON.parse(text) as {
    bomFormat: string;
    specVersion: string;
    components: Component[];
    metadata: { component: Component };
  };
  const components = everyComponent(bom.components);

  it('is valid CycloneDX 1.6 by the CycloneDX library’s strict schema validator', async () => {
    const fromTool = createRequire(join(root, 'node_modules/@cyclonedx/cyclonedx-npm/package.json'));
    const library = fromTool('@cyclonedx/cyclonedx-library') as CycloneDxLibrary;
    const validator = new library.Validation.JsonStrictValidator(library.Spec.Version.v1dot6);
    expect(await validator.validate(text)).toBeNull();
    // The validator does refuse: a component without its required name.
    const broken = JSON.parse(text) as { components: { name?: string }[] };
    delete broken.components[0]?.name;
    expect(await validator.validate(JSON.stringify(broken))).not.toBeNull();
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.metadata.component.name).toBe('wardwatch');
  });

  it('lists every runtime dependency at its installed version, with a license', () => {
    for (const name of Object.keys(manifest.dependencies)) {
      const found = components.find(
        (component) => fullName(component) === name && component.version === installedVersion(name),
      );
      expect(found, `${name}@${installedVersion(name)}`).toBeDefined();
      expect(found?.licenses?.length ?? 0, `${name} has a license`).toBeGreaterThan(0);
    }
    const unlicensed = components.filter((component) => (component.licenses?.length ?? 0) === 0).map(fullName);
    expect(unlicensed).toEqual([]);
  });

  it('carries Electron’s runtime, which every installer embeds, and no build or test tool', () => {
    const electron = components.find((component) => component.name === 'electron');
    expect(electron?.version).toBe(installedVersion('electron'));
    expect(electron?.purl).toBe(`pkg:npm/electron@${installedVersion('electron')}`);
    for (const tool of [
      'vitest',
      '@playwright/test',
      'electron-builder',
      'eslint',
      'fast-check',
      '@cyclonedx/cyclonedx-npm',
    ])
      expect(components.map(fullName), tool).not.toContain(tool);
  });
});
