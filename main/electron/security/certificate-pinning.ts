/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * TLS for the window's own connections (the stream worker's wss to a remote gateway): Chromium verifies
 * certificates against the OS trust store; when IT configured a ward CA (--gateway-ca) or a pin
 * (--gateway-ca-fingerprint), this verify procedure applies the same rule as main's own links
 * (main/session/gateway-tls.ts): a certificate for the gateway's host must chain to the ward CA, and to the pinned
 * CA when one is pinned. Other hosts are never contacted (session-guard.ts), so they keep Chromium's verdict.
 */
import type { Certificate, Session } from 'electron';
import type { Logger } from '../../../common/logging/logger';
import type { GatewayTlsSettings } from '../../session/gateway-tls';
import { judgeGatewayCertificate, wardCertificateAuthorities } from '../../session/ward-ca-verdict';

/** Chromium's verdicts: 0 accept, -2 reject, -3 use Chromium's own result. */
const ACCEPT = 0;
const REJECT = -2;
const USE_CHROMIUM_RESULT = -3;

/** Installs the verify procedure when there is anything to enforce. */
export function pinGatewayCertificates(
  session: Session,
  gatewayUrls: readonly string[],
  settings: GatewayTlsSettings,
  logger: Logger,
): void {
  if (settings.caPem === null && settings.pinnedFingerprint === null) return;
  // Every gateway of the ward (its leader and standby) answers with a certificate of the one ward CA.
  const gatewayHosts = new Set(gatewayUrls.map((url) => new URL(url).hostname.replace(/^\[|\]$/g, '')));
  const wardCas = wardCertificateAuthorities(settings);
  // electronegativity-justified CERTIFICATE_VERIFY_PROC_JS_CHECK: this never opts out of validation; it only trusts
  // the one CA IT configured, for the gateway's host alone, checks the signature, host name and validity dates
  // (ward-ca-verdict.ts), and enforces the pin.
  session.setCertificateVerifyProc((request, callback) => {
    if (!gatewayHosts.has(request.hostname)) return callback(USE_CHROMIUM_RESULT);
    const verdict = judgeGatewayCertificate(
      {
        chainPem: chainOf(request.certificate),
        host: request.hostname,
        chromiumTrusted: request.verificationResult === 'net::OK',
        nowMs: Date.now(),
      },
      wardCas,
      settings.pinnedFingerprint,
    );
    if (verdict.accept) return callback(ACCEPT);
    logger.warn('refused the gateway certificate', {
      host: request.hostname,
      trusted: verdict.trusted,
      pinned: verdict.pinned,
      reason: verdict.reason,
    });
    callback(REJECT);
  });
}

function chainOf(certificate: Certificate): string[] {
  const chain: string[] = [];
  let current: Certificate | undefined = certificate;
  while (current !== undefined && chain.length < 8) {
    chain.push(current.data);
    current =
      current.issuerCert !== undefined && current.issuerCert.fingerprint !== current.fingerprint
        ? current.issuerCert
        : undefined;
  }
  return chain;
}
