import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isStationUiUrl } from '../../../../main/electron/security/app-origin';
import {
  buildContentSecurityPolicy,
  stationResponseHeaders,
} from '../../../../main/electron/security/content-security-policy';

describe('station UI origin', () => {
  it.each([APP_ENTRY_URL, 'app://station/', 'app://station/assets/index.js'])('trusts %s', (url) => {
    expect(isStationUiUrl(url)).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'https://station/index.html',
    'file:///work/main/dist/renderer/index.html',
    'app://user:pw@station/index.html',
    'about:blank',
    '',
    'not a url',
    null,
    undefined,
  ])('does not trust %j', (url) => {
    expect(isStationUiUrl(url)).toBe(false);
  });
});

describe('content security policy', () => {
  const policy = buildContentSecurityPolicy({ connectOrigins: ['http://127.0.0.1:8420'] });
  const directive = (name: string) => policy.split('; ').find((entry) => entry.startsWith(`${name} `));

  it('allows scripts only from the station itself: no inline code, no eval', () => {
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('denies everything not named, and framing, plugins and form posts', () => {
    expect(directive('default-src')).toBe("default-src 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('form-action')).toBe("form-action 'none'");
    expect(directive('base-uri')).toBe("base-uri 'none'");
  });

  it('connects only to itself and the gateway, over http and ws', () => {
    expect(directive('connect-src')).toBe("connect-src 'self' http://127.0.0.1:8420 ws://127.0.0.1:8420");
    expect(buildContentSecurityPolicy({ connectOrigins: ['https://gw.ward:8443'] })).toContain(
      'https://gw.ward:8443 wss://gw.ward:8443',
    );
  });

  it('isolates the page cross-origin so that ring buffers can be shared', () => {
    const headers = stationResponseHeaders({ connectOrigins: [] });
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('downloads', () => {
  it('allows only files the station page made itself', async () => {
    const { isOwnExport } = await import('../../../../main/electron/security/session-guard');
    expect(isOwnExport('blob:app://station/3f1c0a2e-1111-4c1e-9f2e-abcdefabcdef')).toBe(true);
    expect(isOwnExport('https://example.org/malware.exe')).toBe(false);
    expect(isOwnExport('blob:https://example.org/1234')).toBe(false);
    expect(isOwnExport('file:///etc/passwd')).toBe(false);
  });
});
