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

/** When the server certificate is valid; by default from now for two days. */
export interface ServerValidity {
  readonly from: Date;
  readonly to: Date;
}

/** `openssl ca`'s date form: YYYYMMDDHHMMSSZ. */
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/**
 * Creates a CA named `name` and a certificate for 127.0.0.1 signed by it — valid for `serverValidity` when given
 * (e.g. one that expired last year: `openssl ca` sets any dates, `openssl x509 -days` only future ones).
 */
export function createThrowawayPki(name: string, serverValidity?: ServerValidity): ThrowawayPki {
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
  const extensions =
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n';
  writeFileSync(join(folder, 'server.ext'), extensions);
  if (serverValidity !== undefined) signWithDates(folder, extensions, serverValidity);
  else
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

function signWithDates(folder: string, extensions: string, validity: ServerValidity): void {
  writeFileSync(join(folder, 'index.txt'), '');
  writeFileSync(join(folder, 'serial'), '01\n');
  writeFileSync(
    join(folder, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = throwaway',
      '[throwaway]',
      'database = index.txt',
      'new_certs_dir = .',
      'serial = serial',
      'default_md = sha256',
      'policy = any',
      'x509_extensions = server',
      'unique_subject = no',
      '[any]',
      'commonName = supplied',
      '[server]',
      extensions,
    ].join('\n'),
  );
  openssl(
    [
      'ca',
      '-batch',
      '-notext',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      'server.csr',
      '-out',
      'server.pem',
      '-startdate',
      opensslDate(validity.from),
      '-enddate',
      opensslDate(validity.to),
    ],
    folder,
  );
}
