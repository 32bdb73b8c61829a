/**
 * Throwaway certificate authorities for TLS tests, made with the openssl command line (Debian's openssl): a CA,
 * and a server certificate it signs for 127.0.0.1. Nothing here is ever used outside a test's temp folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';

/** A CA and a server certificate it signed. */
export interface ThrowawayPki {
  readonly caPem: string;
  /** SHA-256 fingerprint of the CA, `AB:CD:…`. */
  readonly caFingerprint: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly caFile: string;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** Creates a CA named `name` and a certificate for 127.0.0.1 signed by it. */
export function createThrowawayPki(name: string): ThrowawayPki {
  const folder = mkdtempSync(join(tmpdir(), 'wardwatch-pki-'));
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    folder,
  );
  openssl(
    [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    ],
    folder,
  );
  writeFileSync(
    join(folder, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'server.ext',
    ],
    folder,
  );
  const caPem = readFileSync(join(folder, 'ca.pem'), 'utf8');
  return {
    caPem,
    caFingerprint: new X509Certificate(caPem).fingerprint256,
    serverCertPem: readFileSync(join(folder, 'server.pem'), 'utf8'),
    serverKeyPem: readFileSync(join(folder, 'server.key'), 'utf8'),
    caFile: join(folder, 'ca.pem'),
  };
}
