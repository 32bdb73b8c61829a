/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * Serves the built renderer over `app://station/` instead of file:// (checklist #18), with the same CSP and
 * cross-origin isolation headers as the browser host.
 */
import { protocol, type Session } from 'electron';
import { readRendererAsset } from '../../renderer-assets/renderer-asset';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { stationResponseHeaders } from './content-security-policy';

/** Must run before `app.whenReady()`: makes `app:` a standard, secure scheme (origin, fetch, workers). */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves `rendererDir` on `app://station/` in the given session. */
export function serveRenderer(session: Session, rendererDir: string, gatewayUrls: readonly string[]): void {
  const headers = stationResponseHeaders({ connectOrigins: [...gatewayUrls] });
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const asset = url.host === APP_HOST ? await readRendererAsset(rendererDir, url.pathname) : null;
    if (asset === null) return new Response('Not found', { status: 404, headers });
    return new Response(new Uint8Array(asset.body), {
      status: 200,
      headers: { ...headers, 'Content-Type': asset.contentType },
    });
  });
}
