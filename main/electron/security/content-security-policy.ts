/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * The station UI's content security policy and response headers, for the Electron app protocol and the browser
 * host alike. Plain Node code: no Electron import, so both hosts serve the same policy.
 */

/** What the policy must allow beyond the station's own origin. */
export interface ContentSecurityPolicyOptions {
  /** Origins the UI connects to besides its own, e.g. the gateway (`http://127.0.0.1:8420`). */
  readonly connectOrigins: readonly string[];
}

/**
 * Builds the CSP: only the station's own scripts, styles, workers and fonts; no inline script or style
 * elements, no eval, no plugins, no framing, no form posts, no base-URI tricks; network only to ourselves and
 * the gateway (its ws/wss twin included).
 */
export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  const connect = ["'self'", ...options.connectOrigins.flatMap(withWebSocketTwin)];
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': connect,
    'worker-src': ["'self'"],
    'media-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Headers for every response that carries the station UI. Cross-origin isolation (COOP + COEP) lets the stream
 * worker share ring buffers with the render loop through SharedArrayBuffer.
 */
export function stationResponseHeaders(options: ContentSecurityPolicyOptions): Record<string, string> {
  return {
    'Content-Security-Policy': buildContentSecurityPolicy(options),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
    'Cache-Control': 'no-store',
  };
}

function withWebSocketTwin(origin: string): string[] {
  const url = new URL(origin);
  const twin = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : null;
  return twin === null ? [url.origin] : [url.origin, `${twin}//${url.host}`];
}
