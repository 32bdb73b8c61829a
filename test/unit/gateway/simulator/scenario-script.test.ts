import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenarioScript } from '../../../../gateway/simulator/scenario-script';

async function scriptFile(content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'wardwatch-script-')), 'script.json');
  await writeFile(path, content);
  return path;
}

describe('scenario scripts', () => {
  it('reads the shipped demo ward script', async () => {
    const script = await readScenarioScript('assets/scenarios/demo-ward.json');
    expect(script.get('bed-05')?.map((step) => step.scenario)).toEqual(['tachycardia', 'vt', 'normal']);
  });

  it.each([
    [
      '{ "beds": { "bed-01": [ { "atSeconds": 5, "scenario": "disco" } ] } }',
      /script\.json: beds\.bed-01\.0\.scenario: .*\(scenarios: normal, bradycardia/,
    ],
    ['{ "beds": { "bed-01": [ { "atSeconds": -5, "scenario": "vt" } ] } }', /script\.json: beds\.bed-01\.0\.atSeconds/],
    ['not json', /script\.json: cannot read the scenario script \(not valid JSON\)/],
  ])('names the file and the problem of a bad script: %s', async (content, message) => {
    await expect(readScenarioScript(await scriptFile(content))).rejects.toThrow(message);
  });

  it('names a missing file', async () => {
    await expect(readScenarioScript('/nonexistent/script.json')).rejects.toThrow(
      '/nonexistent/script.json: cannot read the scenario script (ENOENT)',
    );
  });
});
