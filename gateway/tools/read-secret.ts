/**
 * Reads a password the way command-line tools must: never from an argument (shell history, `ps`), but from
 * standard input — one line, for scripts (`… < secret-file`) — or, on a terminal, from a prompt that does not
 * echo what is typed.
 */
import { createInterface } from 'node:readline';

/** Reads one secret line. @throws Error when input ends without one. */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input, terminal: false });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    throw new Error('no password on standard input');
  }
  process.stderr.write(prompt);
  const lines = createInterface({ input, output: process.stderr, terminal: true });
  // Swallow the echo of what is typed.
  (lines as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
  const secret = await new Promise<string>((resolve) => lines.question('', resolve));
  lines.close();
  process.stderr.write('\n');
  return secret;
}
