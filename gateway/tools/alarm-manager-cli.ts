/**
 * `npm run alarm-manager -- [--port 2576] [--reply-to 127.0.0.1:2575] [--nurse "Ana Nurse"] [--phone 4411]
 * [--allow 127.0.0.0/8]`: the test Alarm Manager (test-alarm-manager.ts) on its own. Point the gateway at it
 * with `--alarm-manager 127.0.0.1:2576`; give it the gateway's HL7 port to see delivery, read and acceptance
 * appear on each alarm at the stations. Stops on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { createConsoleLogger, describeError } from '../../common/logging/logger';
import { parsePort } from '../gateway-defaults';
import { alarmManagerFromArguments } from '../devices/hl7-arguments';
import { startTestAlarmManager } from './test-alarm-manager';

const logger = createConsoleLogger('alarm-manager');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '2576' },
      'reply-to': { type: 'string' },
      nurse: { type: 'string', default: 'Ana Nurse' },
      phone: { type: 'string', default: '4411' },
      allow: { type: 'string', default: '127.0.0.0/8' },
    },
    strict: true,
  });
  const replyTo =
    values['reply-to'] === undefined
      ? null
      : alarmManagerFromArguments({ 'alarm-manager': values['reply-to'] }, () => '');
  const [given = 'Ana', ...family] = values.nurse.trim().split(/\s+/);
  const manager = await startTestAlarmManager({
    port: parsePort(values.port, '--port'),
    allow: values.allow,
    replyTo,
    recipient: { given, family: family.join(' ') || 'Nurse', phone: values.phone },
    timing: { deliveredS: 1, readS: 3, acceptedS: 6 },
    logger,
    onAlarm: (alarm) =>
      console.log(
        `${new Date(alarm.receivedAtMs).toISOString().slice(11, 19)}  ${alarm.bed.padEnd(8)} ${alarm.priority} ${alarm.phase.padEnd(9)} ${alarm.message}  (${alarm.alarmId}${alarm.inactivation === 'alert-acknowledged' ? ', acknowledged' : ''})`,
      ),
  });
  console.log(
    `Test alarm manager listening on port ${manager.port}${replyTo === null ? '' : `; status reports go to ${replyTo.host}:${replyTo.port}`}`,
  );
  const stop = (): void => {
    void manager.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`the test alarm manager could not start: ${describeError(error)}`);
  process.exit(1);
});
