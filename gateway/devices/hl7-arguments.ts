/**
 * The gateway's HL7 options: `--hl7-port N` opens the MLLP listener, `--hl7-allow 10.1.4.0/24,…` names who may
 * send (loopback only unless given — a device network must be named, never assumed), `--hl7-tls` serves MLLP over
 * TLS with the gateway's own certificate (`--tls-cert`/`--tls-key`).
 */
import { parseAllowedSenders } from '../hl7/allowed-senders';
import { parsePort } from '../gateway-defaults';
import type { Hl7ListenOptions } from './device-intake';

/** Command-line options for HL7 (`node:util` parseArgs format). */
export const HL7_ARGUMENTS = {
  'hl7-port': { type: 'string' },
  'hl7-allow': { type: 'string' },
  'hl7-tls': { type: 'boolean' },
} as const;

/** Senders allowed when `--hl7-allow` is not given: this computer only. */
export const DEFAULT_HL7_SENDERS = '127.0.0.0/8';

/**
 * The HL7 listener from parsed {@link HL7_ARGUMENTS}, or null without `--hl7-port`.
 * @throws Error naming the bad option.
 */
export function hl7OptionsFromArguments(
  values: Readonly<Record<string, string | boolean | undefined>>,
  tls: { readonly cert: Buffer; readonly key: Buffer } | null,
): Hl7ListenOptions | null {
  const port = values['hl7-port'];
  const allow = values['hl7-allow'];
  if (port === undefined || typeof port !== 'string') {
    if (allow !== undefined || values['hl7-tls'] === true) throw new Error('--hl7-allow and --hl7-tls need --hl7-port');
    return null;
  }
  if (allow !== undefined && typeof allow !== 'string') throw new Error('--hl7-allow needs a value');
  if (values['hl7-tls'] === true && tls === null) throw new Error('--hl7-tls needs --tls-cert and --tls-key');
  return {
    port: parsePort(port, '--hl7-port'),
    allowedSenders: parseAllowedSenders(allow ?? DEFAULT_HL7_SENDERS),
    tls:
      values['hl7-tls'] === true && tls !== null
        ? { certPem: tls.cert.toString('utf8'), keyPem: tls.key.toString('utf8') }
        : null,
  };
}
