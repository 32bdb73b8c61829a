/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * TLS for the window's own connections (the stream worker's wss to a remote gateway): Chromium verifies
 * certificates against the OS trust store; when IT configured a ward CA (--gateway-ca) or a pin
 * (--gateway-ca-fingerprint), this verify procedure applies the same rule as main's own links
 * (main/session/gateway-tls.ts): a certificate for the gateway's host must chain to the ward CA, and to the pinned
 * CA when one is pinned. Other hosts are never contacted (session-guard.ts), so they keep Chromium's verdict.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { Certificate, Session } from 'electron';
import type { Logger } from '../../../common/logging/logger';
import type { GatewayTlsSettings } from '../../session/gateway-tls';

/** Chromium's verdicts: 0 accept, -2 reject, -3 use Chromium's own result. */
const ACCEPT = 0;
const REJECT = -2;
const USE_CHROMIUM_RESULT = -3;

/** Installs the verify procedure when there is anything to enforce. */
export function pinGatewayCertificates(
  session: Session,
  gatewayUrl: string,
  settings: GatewayTlsSettings,
  logger: Logger,
): void {
  if (settings.caPem === null && settings.pinnedFingerprint === null) return;
  const gatewayHost = new URL(gatewayUrl).hostname.replace(/^\[|\]$/g, '');
  const wardCas = settings.caPem === null ? [] : splitPem(settings.caPem).map((pem) => new X509Certificate(pem));
  // electronegativity-justified CERTIFICATE_VERIFY_PROC_JS_CHECK: this never opts out of validation; it only trusts
  // the one CA IT configured, for the gateway's host alone, checks the signature and host name, and enforces the pin.
  session.setCertificateVerifyProc((request, callback) => {
    if (request.hostname !== gatewayHost) return callback(USE_CHROMIUM_RESULT);
    const chain = chainOf(request.certificate);
    const fingerprints = chain.map((certificate) => certificate.fingerprint256);
    // A ward CA that Chromium does not know: accept when the leaf was issued by it and is valid for the host.
    const leaf = chain[0];
    const namesHost =
      leaf !== undefined &&
      (isIP(gatewayHost) === 0 ? leaf.checkHost(gatewayHost) : leaf.checkIP(gatewayHost)) !== undefined;
    const issuedByWardCa =
      leaf !== undefined && namesHost && wardCas.some((ca) => leaf.checkIssued(ca) && leaf.verify(ca.publicKey));
    const trusted = request.verificationResult === 'net::OK' || issuedByWardCa;
    const wardFingerprints = [...fingerprints, ...(issuedByWardCa ? wardCas.map((ca) => ca.fingerprint256) : [])];
    const pinned = settings.pinnedFingerprint === null || wardFingerprints.includes(settings.pinnedFingerprint);
    if (trusted && pinned) return callback(ACCEPT);
    logger.warn('refused the gateway certificate', { host: request.hostname, trusted, pinned });
    callback(REJECT);
  });
}

function chainOf(certificate: Certificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current: Certificate | undefined = certificate;
  while (current !== undefined && chain.length < 8) {
    chain.push(new X509Certificate(current.data));
    current =
      current.issuerCert !== undefined && current.issuerCert.fingerprint !== current.fingerprint
        ? current.issuerCert
        : undefined;
  }
  return chain;
}

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
