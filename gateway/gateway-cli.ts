/**
 * `npm run gateway -- [--port 8420] [--host 127.0.0.1] [--ward "Ward 4B"] [--source sim|record:<path>]
 * [--beds 16] [--seed 1] [--scenario-file script.json]
 * [--data-dir folder [--database postgres://user@host/db [--fanout redis://host:6379 [--fanout-ca ca.pem]]]]
 * [--admin username]
 * [--device-beds 4] [--tls-cert cert.pem --tls-key key.pem] [--syslog tls://siem:6514 [--syslog-ca ca.pem]]
 * [--hl7-port 2575 [--hl7-allow 10.1.4.0/24] [--hl7-tls]] [--alarm-manager host:port [--alarm-manager-ca ca.pem]]
 * [--emr host:port [--emr-ca ca.pem]] [--device-alarm-status host:port]`:
 * the ward gateway on its own, for a ward whose stations share one gateway; security events go to the syslog
 * collector when given; bedside devices send HL7 (IHE PCD) to the HL7 port, and alarms go to the alarm manager as
 * PCD-04. With `--admin`, the first administrator's password is read from standard input. With a certificate
 * it serves https/wss only. With `--fanout` (password in WARDWATCH_FANOUT_PASSWORD), the standby serves stations
 * as a fan-out node of the leader until it leads itself. Stops cleanly on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createConsoleLogger, describeError } from '../common/logging/logger';
import { DEFAULT_GATEWAY_PORT, DEFAULT_WARD_NAME, parsePort } from './gateway-defaults';
import { WARD_ARGUMENTS, wardSetupFromArguments } from './ward-setup';
import { databaseUrlFrom, dataDirFrom, IDENTITY_ARGUMENTS } from './identity/identity-arguments';
import type { InitialUsers } from './identity/gateway-identity';
import { closeBeforeExit } from '../common/process/close-before-exit';
import { readSecret } from './tools/read-secret';
import { startWardGateway } from './ward-gateway';
import { fanoutTargetFrom } from './fanout/fanout-bus';
import { parseSyslogTarget } from './security/syslog-forwarder';
import { alarmManagerFromArguments, HL7_ARGUMENTS, hl7OptionsFromArguments } from './devices/hl7-arguments';

const logger = createConsoleLogger('gateway');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_GATEWAY_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      ward: { type: 'string', default: DEFAULT_WARD_NAME },
      ...WARD_ARGUMENTS,
      ...IDENTITY_ARGUMENTS,
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      syslog: { type: 'string' },
      'syslog-ca': { type: 'string' },
      fanout: { type: 'string' },
      'fanout-ca': { type: 'string' },
      ...HL7_ARGUMENTS,
    },
    strict: true,
  });
  const tls = tlsFrom(values['tls-cert'], values['tls-key']);
  const ward = wardSetupFromArguments(values);
  const hl7 = hl7OptionsFromArguments(values, tls);
  const alarmManager = alarmManagerFromArguments(values, (file) => readFileSync(file, 'utf8'));
  const emr = alarmManagerFromArguments(values, (file) => readFileSync(file, 'utf8'), 'emr');
  const deviceAlarmStatus = alarmManagerFromArguments(
    values,
    (file) => readFileSync(file, 'utf8'),
    'device-alarm-status',
  );
  const dataDir = dataDirFrom(values);
  const databaseUrl = databaseUrlFrom(values);
  const fanout = fanoutTargetFrom(
    values.fanout,
    process.env,
    values['fanout-ca'] === undefined ? null : readFileSync(values['fanout-ca'], 'utf8'),
  );
  const initialUsers: InitialUsers | undefined =
    values.admin === undefined
      ? undefined
      : {
          kind: 'admin',
          username: values.admin,
          password: await readSecret(`Password for the new administrator ${values.admin}: `),
          simulated: ward.source.kind === 'sim',
        };
  const syslog =
    values.syslog === undefined
      ? null
      : parseSyslogTarget(
          values.syslog,
          values['syslog-ca'] === undefined ? null : readFileSync(values['syslog-ca'], 'utf8'),
        );
  // A standby waits for leadership until stopped: SIGINT/SIGTERM end the wait as they end a running gateway.
  // One listener for the whole life of the process, whose meaning changes once the gateway runs: swapping
  // listeners lost a signal that had arrived but was not yet dispatched (Node drops it with the listener) — a
  // standby stopped mid-takeover then ran on until killed.
  const standby = new AbortController();
  let onStopSignal: () => void = () => standby.abort();
  process.on('SIGINT', () => onStopSignal());
  process.on('SIGTERM', () => onStopSignal());
  const gateway = await startWardGateway({
    signal: standby.signal,
    // Exit so that the service manager starts this gateway again — as the standby of the gateway that leads now.
    onLeadershipLost: () => process.exit(EXIT_LEADERSHIP_LOST),
    syslog,
    host: values.host,
    port: parsePort(values.port, '--port'),
    wardName: values.ward,
    ward,
    dataDir,
    databaseUrl,
    fanout,
    ...(initialUsers === undefined ? {} : { initialUsers }),
    tls,
    hl7,
    alarmManager,
    emr,
    deviceAlarmStatus,
    logger,
  });
  console.log(`WardWatch gateway listening on ${gateway.server.url} with ${gateway.bedCount} beds`);
  if (gateway.server.hl7Port !== null) console.log(`WardWatch HL7 (MLLP) listening on port ${gateway.server.hl7Port}`);
  const stop = closeBeforeExit(
    () => gateway.close(),
    (code) => process.exit(code),
    logger,
  );
  onStopSignal = () => stop();
  // A signal that came after the wait but before the start was done (a standby mid-takeover) ended no wait: it
  // stops the gateway now.
  if (standby.signal.aborted) stop();
}

/** The exit code of a gateway that lost the leadership of its ward (EX_TEMPFAIL: start it again). */
const EXIT_LEADERSHIP_LOST = 75;

/** Reads the certificate and key; both or neither. @throws Error naming the problem. */
function tlsFrom(certFile: string | undefined, keyFile: string | undefined): { cert: Buffer; key: Buffer } | null {
  if (certFile === undefined && keyFile === undefined) return null;
  if (certFile === undefined || keyFile === undefined) throw new Error('--tls-cert and --tls-key go together');
  const read = (file: string, option: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`${option}: cannot read "${file}" (${describeError(error)})`, { cause: error });
    }
  };
  return { cert: read(certFile, '--tls-cert'), key: read(keyFile, '--tls-key') };
}

main().catch((error: unknown) => {
  // Stopped while it waited as the standby: a clean stop, not a failure.
  if (error instanceof Error && error.message === 'stopped while standby') process.exit(0);
  logger.error('gateway failed to start', { reason: describeError(error) });
  console.error(`WardWatch gateway could not start: ${describeError(error)}`);
  process.exit(1);
});
