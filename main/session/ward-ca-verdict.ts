/**
 * The rule the station window applies to a gateway certificate (main/electron/security/certificate-pinning.ts
 * hands it Chromium's view of the connection): trusted — by Chromium's own verification, or because the leaf
 * names the gateway's host, is within its validity dates, and was issued and signed by the ward CA, itself within
 * its dates — and pinned, when IT pinned a CA. The same rule main's Node links get from node:tls
 * (gateway-tls.ts). Plain Node code, so it is tested on real certificates without Electron.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { GatewayTlsSettings } from './gateway-tls';

/** What the window saw. */
export interface PresentedCertificate {
  /** The chain as presented, leaf first, PEM each. */
  readonly chainPem: readonly string[];
  /** The host the window connected to. */
  readonly host: string;
  /** Chromium accepted the chain against the OS trust store (which checks dates itself). */
  readonly chromiumTrusted: boolean;
  /** When the check runs (epoch ms). */
  readonly nowMs: number;
}

/** The decision, and why, for the log. */
export interface WardCaVerdict {
  readonly accept: boolean;
  readonly trusted: boolean;
  readonly pinned: boolean;
  /** What was wrong, when not accepted. */
  readonly reason: string | null;
}

/** The ward CA(s) of the settings, parsed once. */
export function wardCertificateAuthorities(settings: GatewayTlsSettings): X509Certificate[] {
  const pems = settings.caPem?.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return pems.map((pem) => new X509Certificate(pem));
}

function within(certificate: X509Certificate, nowMs: number): boolean {
  return Date.parse(certificate.validFrom) <= nowMs && nowMs <= Date.parse(certificate.validTo);
}

/** Judges a presented chain against the ward CA(s) and pin. */
export function judgeGatewayCertificate(
  presented: PresentedCertificate,
  wardCas: readonly X509Certificate[],
  pinnedFingerprint: string | null,
): WardCaVerdict {
  const chain = presented.chainPem.map((pem) => new X509Certificate(pem));
  const leaf = chain[0];
  const host = presented.host.replace(/^\[|\]$/g, '');
  let wardReason: string | null = null;
  let issuedByWardCa = false;
  if (leaf === undefined) wardReason = 'no certificate was presented';
  else if ((isIP(host) === 0 ? leaf.checkHost(host) : leaf.checkIP(host)) === undefined)
    wardReason = `the certificate does not name ${host}`;
  else if (!within(leaf, presented.nowMs))
    wardReason = `the certificate is not valid now (valid ${leaf.validFrom} to ${leaf.validTo})`;
  else {
    const issuer = wardCas.find((ca) => leaf.checkIssued(ca) && leaf.verify(ca.publicKey));
    if (issuer === undefined) wardReason = 'the certificate was not issued by the ward CA';
    else if (!within(issuer, presented.nowMs))
      wardReason = `the ward CA is not valid now (valid ${issuer.validFrom} to ${issuer.validTo})`;
    else issuedByWardCa = true;
  }
  const trusted = presented.chromiumTrusted || issuedByWardCa;
  const fingerprints = [
    ...chain.map((certificate) => certificate.fingerprint256),
    ...(issuedByWardCa ? wardCas.map((ca) => ca.fingerprint256) : []),
  ];
  const pinned = pinnedFingerprint === null || fingerprints.includes(pinnedFingerprint);
  const reason = !trusted ? wardReason : pinned ? null : 'the chain does not contain the pinned CA';
  return { accept: trusted && pinned, trusted, pinned, reason };
}
