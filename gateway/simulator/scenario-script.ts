/**
 * Scenario scripts: a JSON file that says which scenario each simulated bed plays from when, so that a
 * demonstration or a test replays the same sequence of events every time.
 *
 * ```json
 * { "beds": { "bed-03": [ { "atSeconds": 0, "scenario": "normal" }, { "atSeconds": 30, "scenario": "vt" } ] } }
 * ```
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios';

const scriptSchema = z.object({
  beds: z.record(
    z.string().min(1).max(64),
    z.array(z.object({ atSeconds: z.number().nonnegative().finite(), scenario: z.enum(SCENARIO_NAMES) })).max(1000),
  ),
});

/** Scripted steps by bed id, in seconds from the start of the simulation. */
export type ScenarioScript = ReadonlyMap<string, readonly { atSeconds: number; scenario: ScenarioName }[]>;

/** Reads and checks a script. @throws Error naming the file and what is wrong in it. */
export async function readScenarioScript(path: string): Promise<ScenarioScript> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `${path}: cannot read the scenario script (${error instanceof SyntaxError ? 'not valid JSON' : ((error as NodeJS.ErrnoException).code ?? 'unknown error')})`,
      { cause: error },
    );
  }
  const parsed = scriptSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${path}: ${summarizeSchemaIssues(parsed.error)} (scenarios: ${SCENARIO_NAMES.join(', ')})`);
  return new Map(Object.entries(parsed.data.beds));
}
