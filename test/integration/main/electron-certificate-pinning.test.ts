/**
 * The Electron window's verify procedure (main/electron/security/certificate-pinning.ts) on real certificates from
 * throwaway CAs. Electron cannot run here, so the session is a stand-in that only captures the procedure
 * (named as the fake it is); the certificates, the chain checks and the pin are real.
 */
import type { Certificate, Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { pinGatewayCertificates } from '../../../main/electron/security/certificate-pinning';
import { normalizeFingerprint } from '../../../main/session/gateway-tls';
import { createThrowawayPki } from '../../support/throwaway-ca';
import { createRecordingLogger } from '../../support/recording-logger';

type VerifyProc = (
  request: { hostname: string; certificate: Certificate; verificationResult: string },
  callback: (verdict: number) => void,
) => void;

/** A stand-in for Electron's Session (Electron cannot run here): it records the verify procedure installed. */
function fakeElectronSession(): { session: Session; verify: () => VerifyProc | null } {
  let installed: VerifyProc | null = null;
  const session = { setCertificateVerifyProc: (proc: VerifyProc) => (installed = proc) } as unknown as Session;
  return { session, verify: () => installed };
}

function electronCertificate(pem: string, issuer?: Certificate): Certificate {
  return { data: pem, fingerprint: pem.slice(30, 60), issuerCert: issuer } as unknown as Certificate;
}

function verdictOf(
  proc: VerifyProc,
  hostname: string,
  certificate: Certificate,
  verificationResult = 'net::ERR_CERT_AUTHORITY_INVALID',
): number {
  let verdict = Number.NaN;
  proc({ hostname, certificate, verificationResult }, (value) => (verdict = value));
  return verdict;
}

describe('Electron gateway certificate pinning', () => {
  const ward = createThrowawayPki('Ward CA');
  const other = createThrowawayPki('Other CA');

  it('installs nothing when IT configured neither a CA nor a pin', () => {
    const { session, verify } = fakeElectronSession();
    pinGatewayCertificates(
      session,
      ['https://127.0.0.1:8420'],
      { caPem: null, pinnedFingerprint: null },
      createRecordingLogger(),
    );
    expect(verify()).toBeNull();
  });

  it('accepts the ward CA’s certificate for the gateway, refuses another CA’s, and leaves other hosts to Chromium', () => {
    const { session, verify } = fakeElectronSession();
    pinGatewayCertificates(
      session,
      // A two-gateway ward: the standby (here by name) is held to the same CA and pin as the leader.
      ['https://127.0.0.1:8420', 'https://localhost:8421'],
      { caPem: ward.caPem, pinnedFingerprint: normalizeFingerprint(ward.caFingerprint) },
      createRecordingLogger(),
    );
    const proc = verify() as VerifyProc;
    expect(verdictOf(proc, '127.0.0.1', electronCertificate(ward.serverCertPem))).toBe(0);
    expect(verdictOf(proc, '127.0.0.1', electronCertificate(other.serverCertPem))).toBe(-2);
    // Even when Chromium trusts the other CA (installed in the OS), the pin refuses it.
    expect(
      verdictOf(
        proc,
        '127.0.0.1',
        electronCertificate(other.serverCertPem, electronCertificate(other.caPem)),
        'net::OK',
      ),
    ).toBe(-2);
    expect(verdictOf(proc, 'localhost', electronCertificate(ward.serverCertPem))).toBe(0);
    expect(verdictOf(proc, 'localhost', electronCertificate(other.serverCertPem))).toBe(-2);
    expect(verdictOf(proc, 'example.org', electronCertificate(other.serverCertPem))).toBe(-3);
  });

  it('refuses a certificate from the ward CA outside its validity dates, which Chromium cannot judge here', () => {
    const yearAgo = Date.now() - 365 * 86_400_000;
    const expired = createThrowawayPki('Ward CA', { from: new Date(yearAgo - 86_400_000), to: new Date(yearAgo) });
    const notYet = createThrowawayPki('Ward CA', {
      from: new Date(Date.now() + 30 * 86_400_000),
      to: new Date(Date.now() + 60 * 86_400_000),
    });
    const logger = createRecordingLogger();
    for (const pki of [expired, notYet]) {
      const { session, verify } = fakeElectronSession();
      pinGatewayCertificates(
        session,
        ['https://127.0.0.1:8420'],
        { caPem: pki.caPem, pinnedFingerprint: normalizeFingerprint(pki.caFingerprint) },
        logger,
      );
      expect(verdictOf(verify() as VerifyProc, '127.0.0.1', electronCertificate(pki.serverCertPem))).toBe(-2);
    }
    expect(logger.lines.filter((line) => line.message === 'refused the gateway certificate')).toHaveLength(2);
    expect(JSON.stringify(logger.lines)).toMatch(/the certificate is not valid now/);
  });

  it('refuses a certificate from the ward CA that names another host', () => {
    const { session, verify } = fakeElectronSession();
    pinGatewayCertificates(
      session,
      ['https://10.9.9.9:8420'],
      { caPem: ward.caPem, pinnedFingerprint: null },
      createRecordingLogger(),
    );
    expect(verdictOf(verify() as VerifyProc, '10.9.9.9', electronCertificate(ward.serverCertPem))).toBe(-2);
  });
});
