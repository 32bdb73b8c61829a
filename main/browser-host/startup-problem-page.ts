/**
 * What the browser host serves when the station cannot start — an invalid managed policy, an option it forbids:
 * one page that says why in IT's words, at the address the station would have had, instead of a refused
 * connection that looks like a crash. It serves nothing else; the station does not run until IT fixes the cause.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StartupProblem } from '../policy/startup-problem';

/** A running problem page. */
export interface StartupProblemPage {
  readonly url: string;
  close(): Promise<void>;
}

const STYLE =
  'body{margin:0;min-height:100vh;background:#0b0f14;color:#e8edf2;font:20px/1.5 system-ui,sans-serif;display:flex;align-items:center;justify-content:center}' +
  'main{max-width:60rem;padding:2rem;border:3px solid #ff5c5c;border-radius:8px;background:#1a0f12}' +
  'h1{color:#ff8a8a;margin-top:0}li{margin:.4rem 0;font-family:ui-monospace,monospace;font-size:17px}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/** The page's HTML: no script, one hashed style, nothing loaded from anywhere. */
export function startupProblemHtml(problem: StartupProblem): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WardWatch cannot start</title><style>${STYLE}</style></head><body><main role="alert"><h1>${escape(problem.title)}</h1><ul>${problem.lines.map((line) => `<li>${escape(line)}</li>`).join('')}</ul><p>${escape(problem.advice)}</p></main></body></html>`;
}

/** Serves the page on 127.0.0.1:`port` (0: any free port) until closed. */
export async function serveStartupProblem(port: number, problem: StartupProblem): Promise<StartupProblemPage> {
  const html = startupProblemHtml(problem);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    response
      .writeHead(503, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; frame-ancestors 'none'`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      })
      .end(request.method === 'HEAD' ? undefined : html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
