/**
 * The gateway's MLLP client (mllp-sender.ts) against real TCP receivers: messages go one at a time, in order, each
 * after the previous ACK; a receiver that takes the connection but never answers is a problem ("no
 * acknowledgment") and the message is sent again on a new connection; a refusal (AE) is reported, not resent; a
 * receiver that is not there is a problem until it is.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mllpFrame, MllpFramer } from '../../../gateway/hl7/mllp-framer';
import { MllpSender } from '../../../gateway/hl7/mllp-sender';
import { createRecordingLogger } from '../../support/recording-logger';
import { freePort } from '../../support/free-port';
import { waitFor } from '../../support/wait-for';

const servers: net.Server[] = [];
const senders: MllpSender[] = [];
afterEach(async () => {
  for (const sender of senders.splice(0)) sender.close();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A receiver that answers each frame with `answer(controlId, n)` (null: stays silent). */
async function receiver(
  answer: (text: string, n: number) => string | null,
  port = 0,
): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = net.createServer((socket) => {
    const framer = new MllpFramer(1 << 20);
    socket.on('data', (data) => {
      for (const event of framer.push(data)) {
        if (event.kind !== 'frame') continue;
        const text = event.payload.toString('utf8');
        seen.push(text);
        const reply = answer(text, seen.length);
        if (reply !== null) socket.write(mllpFrame(reply));
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, seen };
}
const ack = (code: string) => `MSH|^~\\&|AM||||20261201||ACK|1|P|2.6\rMSA|${code}|x`;
const problems: (string | null)[] = [];
function sender(port: number, ackTimeoutMs = 300): MllpSender {
  const made = new MllpSender({
    target: { host: '127.0.0.1', port },
    ackTimeoutMs,
    capacity: 10,
    logger: createRecordingLogger(),
    onHealthChange: (problem) => problems.push(problem),
  });
  senders.push(made);
  return made;
}

describe('MllpSender', () => {
  it('sends in order, one at a time, and reports each ACK', async () => {
    const { port, seen } = await receiver(() => ack('AA'));
    const out = sender(port);
    const outcomes = await Promise.all(
      ['M1', 'M2', 'M3'].map((text) => out.send(`MSH|^~\\&|WW|||||ORU^R40|${text}|P|2.6`)),
    );
    expect(outcomes.map((outcome) => outcome.code)).toEqual(['AA', 'AA', 'AA']);
    expect(seen.map((text) => /ORU\^R40\|(M\d)/.exec(text)?.[1])).toEqual(['M1', 'M2', 'M3']);
    expect(out.problem()).toBeNull();
  });

  it('calls a silent receiver a problem and sends the message again on a new connection', async () => {
    problems.length = 0;
    const { port, seen } = await receiver((_text, n) => (n === 1 ? null : ack('AA')));
    const out = sender(port);
    const outcome = await out.send('MSH|^~\\&|WW|||||ORU^R40|M1|P|2.6');
    expect(outcome.code).toBe('AA');
    expect(seen).toHaveLength(2);
    expect(problems).toEqual(['no acknowledgment within 0.3 s', null]);
    expect(out.counts).toMatchObject({ timeouts: 1, acknowledged: 1 });
  });

  it('does not resend what the receiver refused', async () => {
    const { port, seen } = await receiver(() => ack('AE'));
    const out = sender(port);
    expect((await out.send('MSH|^~\\&|WW|||||ORU^R40|M1|P|2.6')).code).toBe('AE');
    expect(seen).toHaveLength(1);
    expect(out.counts.refused).toBe(1);
  });

  it('is a problem while the receiver is not there, and delivers once it is', async () => {
    const port = await freePort();
    const out = sender(port);
    const pending = out.send('MSH|^~\\&|WW|||||ORU^R40|M1|P|2.6');
    await waitFor('cannot reach', () => out.problem()?.startsWith('cannot reach'));
    const { seen } = await receiver(() => ack('AA'), port);
    expect((await pending).code).toBe('AA');
    expect(seen).toHaveLength(1);
    expect(out.problem()).toBeNull();
  }, 15_000);
});
