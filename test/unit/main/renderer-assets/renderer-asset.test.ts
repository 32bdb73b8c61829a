import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRendererAsset } from '../../../../main/renderer-assets/renderer-asset';

let root: string;

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'wardwatch-assets-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html>');
  await writeFile(join(root, 'assets', 'app.js'), 'export {}');
  await writeFile(join(base, 'secret.json'), '{"station":"secret"}');
  await writeFile(join(root, 'notes.txt'), 'plain text is not served');
});

describe('renderer assets', () => {
  it('serves index.html for / and files below the folder with their type', async () => {
    expect((await readRendererAsset(root, '/'))?.contentType).toBe('text/html; charset=utf-8');
    const script = await readRendererAsset(root, '/assets/app.js?v=1');
    expect(script?.contentType).toBe('text/javascript; charset=utf-8');
    expect(script?.body.toString()).toBe('export {}');
  });

  it.each([
    '/../secret.json',
    '/%2e%2e/secret.json',
    '/assets/..%2f..%2fsecret.json',
    '/..\\secret.json',
    '/%00index.html',
    '/%E0%A4%A',
  ])('never serves anything outside the folder: %s', async (path) => {
    expect(await readRendererAsset(root, path)).toBeNull();
  });

  it('serves only known file types and answers null for missing files', async () => {
    expect(await readRendererAsset(root, '/notes.txt')).toBeNull();
    expect(await readRendererAsset(root, '/assets/missing.js')).toBeNull();
  });
});
