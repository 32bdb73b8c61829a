/**
 * Reads the built renderer's files for whichever host serves them (Electron's app protocol, the browser host's
 * HTTP server). Only files below the renderer folder are ever served: the path is decoded, normalized and
 * checked, so `..` or an encoded slash cannot reach anything else on the disk.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/** A file ready to send. */
export interface RendererAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The file a URL path names below `rootDir` (`/` is `index.html`), or null when it is outside the folder,
 * malformed, of a type we do not serve, or missing.
 */
export async function readRendererAsset(rootDir: string, urlPath: string): Promise<RendererAsset | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]?.split('#')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const filePath = resolve(join(root, relative));
  if (filePath !== root && !filePath.startsWith(root + sep)) return null;
  const contentType = CONTENT_TYPES[extname(filePath).toLowerCase()];
  if (contentType === undefined) return null;
  try {
    return { body: await readFile(filePath), contentType };
  } catch {
    return null;
  }
}
