/** Defaults shared by the standalone gateway and the one the station embeds. */

/** TCP port of a standalone gateway. */
export const DEFAULT_GATEWAY_PORT = 8420;

/** Ward name of the simulated demo ward. */
export const DEFAULT_WARD_NAME = 'Demo Ward 4B';

/**
 * Parses a TCP port given on a command line; 0 means "any free port".
 * @throws Error naming the option when the value is not a whole number from 0 to 65535.
 */
export function parsePort(text: string, optionName: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port > 65535) {
    throw new Error(`${optionName} must be a port number from 0 to 65535, got "${text}"`);
  }
  return port;
}
