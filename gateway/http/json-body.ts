/**
 * Reads a request body with a size limit, for the gateway's HTTP APIs (sign-in, FHIR): as JSON, or as text (a
 * form). A body of the wrong type, too large, unreadable or not JSON is a sentence saying so, never an exception:
 * each API answers it in its own error format.
 */
import type { IncomingMessage } from 'node:http';

/** The body as text (`{ text }`), or why there is none (a string). */
export function readTextBody(
  request: IncomingMessage,
  maxBytes: number,
  contentTypes: readonly string[],
): Promise<{ text: string } | string> {
  return new Promise((resolve) => {
    const type = request.headers['content-type'] ?? '';
    if (!contentTypes.some((accepted) => type.startsWith(accepted))) {
      request.resume();
      const json = contentTypes.every((accepted) => accepted.includes('json'));
      resolve(`the body must be ${json ? 'JSON' : 'one of these'} (Content-Type: ${contentTypes.join(' or ')})`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and thrown away, so that the client still gets the answer.
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
      // A client that keeps sending far beyond the limit is not answered at all.
      if (size > 64 * maxBytes) request.destroy();
    });
    request.on('end', () =>
      resolve(
        tooLarge ? `the body is larger than ${maxBytes} bytes` : { text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    request.on('error', () => resolve('the request body could not be read'));
  });
}

/** The parsed JSON body, or why there is none (a string). */
export async function readJsonBody(
  request: IncomingMessage,
  maxBytes: number,
  contentTypes: readonly string[] = ['application/json'],
): Promise<unknown> {
  const body = await readTextBody(request, maxBytes, contentTypes);
  if (typeof body === 'string') return body;
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    return 'the body is not valid JSON';
  }
}
