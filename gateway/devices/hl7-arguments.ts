/**
 * The gateway's HL7 options: `--hl7-port N` opens the MLLP listener, `--hl7-allow 10.1.4.0/24,…` names who may
 * send (loopback only unless given — a device network must be named, never assumed), `--hl7-tls` serves MLLP over
 * TLS with the gateway's own certificate (`--tls-cert`/`--tls-key`); `--alarm-manager host:port` forwards every
 * alarm as PCD-04 to the hospital's alarm communication system, over TLS when `--alarm-manager-ca ca.pem` is given;
 * `--emr host:port` (and `--emr-ca`) sends every bed's vitals as PCD-01 to the EMR; `--device-alarm-status
 * host:port` reports devices' own alarms back (PCD-05) to their vendor's gateway.
 */
import { parseAllowedSenders } from '../hl7/allowed-senders';
import { parsePort } from '../gateway-defaults';
import type { Hl7ListenOptions } from './device-intake';
import type { MllpTarget } from '../hl7/mllp-sender';

/** Command-line options for HL7 (`node:util` parseArgs format). */
export const HL7_ARGUMENTS = {
  'hl7-port': { type: 'string' },
  'hl7-allow': { type: 'string' },
  'hl7-tls': { type: 'boolean' },
  'alarm-manager': { type: 'string' },
  'alarm-manager-ca': { type: 'string' },
  emr: { type: 'string' },
  'emr-ca': { type: 'string' },
  'device-alarm-status': { type: 'string' },
  'device-alarm-status-ca': { type: 'string' },
} as const;

/**
 * The alarm manager from `--alarm-manager host:port` (and `--alarm-manager-ca`'s PEM text), or null.
 * @throws Error naming what is wrong.
 */
export function alarmManagerFromArguments(
  values: Readonly<Record<string, string | boolean | undefined>>,
  readCa: (file: string) => string,
  option: 'alarm-manager' | 'emr' | 'device-alarm-status' = 'alarm-manager',
): MllpTarget | null {
  const text = values[option];
  const ca = values[`${option}-ca`];
  if (text === undefined || typeof text !== 'string') {
    if (ca !== undefined) throw new Error(`--${option}-ca needs --${option}`);
    return null;
  }
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(text);
  if (match === null) throw new Error(`--${option} takes host:port (e.g. 10.1.9.20:2576), got "${text}"`);
  const host = (match[1] as string).replace(/^\[|\]$/g, '');
  const port = parsePort(match[2] as string, `--${option}`);
  if (port === 0) throw new Error(`--${option} needs the port its receiver listens on, not 0`);
  return typeof ca === 'string' ? { host, port, caPem: readCa(ca) } : { host, port };
}

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
