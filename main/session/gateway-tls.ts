/**
 * TLS to a remote gateway as hospital IT configures it: trust the ward's own certificate authority (a PEM file)
 * and, optionally, pin it — the station then accepts only a gateway whose certificate chain contains the CA with
 * the SHA-256 fingerprint IT gave, even if another CA the computer trusts signed a certificate for that name.
 * Used by the control link and the sign-in API client (Node); main/electron/security/ applies the same pin to
 * the window's own connections.
 */
import { readFileSync } from 'node:fs';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';

/** What IT configured. */
export interface GatewayTlsSettings {
  /** PEM text of the CA to trust, or null for the system's trust store. */
  readonly caPem: string | null;
  /** Normalized SHA-256 fingerprint (upper-case hex pairs with colons) of the pinned CA, or null. */
  readonly pinnedFingerprint: string | null;
}

/** No CA of the ward's own and no pin: the system's trust store decides. */
export const SYSTEM_TRUST: GatewayTlsSettings = { caPem: null, pinnedFingerprint: null };

/** The options Node's TLS (and socket.io-client, which passes them through) take. */
export interface NodeTlsOptions {
  readonly ca?: string;
  readonly checkServerIdentity: (host: string, certificate: PeerCertificate) => Error | undefined;
}

/** Normalizes `sha256:ab cd…`, `AB:CD:…` or plain hex to `AB:CD:…`. @throws Error when it is not 32 bytes of hex. */
export function normalizeFingerprint(text: string): string {
  const hex = text
    .replace(/^sha256[:/=]?/i, '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex))
    throw new Error(`a CA fingerprint is 32 bytes of hex (SHA-256), e.g. AB:CD:…; got "${text.slice(0, 100)}"`);
  return hex.match(/../g)?.join(':') ?? hex;
}

/** Reads IT's settings from the option values. @throws Error naming the bad option. */
export function loadGatewayTlsSettings(
  caFile: string | undefined,
  fingerprint: string | undefined,
): GatewayTlsSettings {
  let caPem: string | null = null;
  if (caFile !== undefined) {
    try {
      caPem = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new Error(
        `--gateway-ca: cannot read "${caFile}" (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
    if (!caPem.includes('-----BEGIN CERTIFICATE-----'))
      throw new Error(`--gateway-ca: "${caFile}" is not a PEM certificate`);
  }
  return { caPem, pinnedFingerprint: fingerprint === undefined ? null : normalizeFingerprint(fingerprint) };
}

/** The fingerprints of a peer certificate and every issuer above it. */
export function chainFingerprints(certificate: PeerCertificate): string[] {
  const seen: string[] = [];
  let current: PeerCertificate | undefined = certificate;
  while (current !== undefined && !seen.includes(current.fingerprint256)) {
    seen.push(current.fingerprint256);
    const issuer: PeerCertificate | undefined = (current as PeerCertificate & { issuerCertificate?: PeerCertificate })
      .issuerCertificate;
    current = issuer !== undefined && issuer !== current ? issuer : undefined;
  }
  return seen;
}

/** Node TLS options for these settings: the host-name check always, the pin when set. */
export function nodeTlsOptions(settings: GatewayTlsSettings): NodeTlsOptions {
  return {
    ...(settings.caPem === null ? {} : { ca: settings.caPem }),
    checkServerIdentity: (host, certificate) => {
      const mismatch = checkServerIdentity(host, certificate);
      if (mismatch !== undefined) return mismatch;
      if (settings.pinnedFingerprint === null) return undefined;
      if (chainFingerprints(certificate).includes(settings.pinnedFingerprint)) return undefined;
      return new Error(
        `the gateway's certificate does not chain to the pinned CA ${settings.pinnedFingerprint.slice(0, 23)}…`,
      );
    },
  };
}
