/** Turns a failed start into what the hosts show IT: the policy's own problems, or the one option's. */
import { PolicyError } from './station-policy';

/** What the hosts show: a title, one line per problem, and what IT should do. */
export interface StartupProblem {
  readonly title: string;
  readonly lines: readonly string[];
  readonly advice: string;
}

/** The words for why the station did not start. */
export function describeStartupProblem(error: unknown): StartupProblem {
  if (error instanceof PolicyError)
    return {
      title: 'WardWatch cannot start: IT’s policy for this station is not valid',
      lines: [`Policy: ${error.origin}`, ...error.problems],
      advice:
        'Nothing from this policy was applied and the station is not monitoring. Correct the policy (see the README, “For IT”) and start the station again.',
    };
  return {
    title: 'WardWatch cannot start',
    lines: [error instanceof Error ? error.message : String(error)],
    advice: 'The station is not monitoring. Correct its settings and start it again.',
  };
}
