/**
 * The gateway's MLLP listener over real sockets (issue 15): a sender using Medplum's HL7 client (not our code) gets
 * AA for a message the handler takes; a frame that is not HL7, one over the size limit and one the handler cannot
 * use get AR/AE with an ERR — and the same connection keeps being served; a handler that throws costs an AE, not
 * the listener; frames that TCP joins are answered one by one, in order; a sender off the allow list is cut off;
 * TLS works with a ward CA. Every refusal is counted.
 */
import net from 'node:net';
import tls from 'node:tls';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllowedSenders } from '../../../gateway/hl7/allowed-senders';
import { HL7_ERROR } from '../../../gateway/hl7/hl7-message';
import { mllpFrame, MllpFramer } from '../../../gateway/hl7/mllp-framer';
import { startMllpListener, type Hl7Handler, type MllpListener } from '../../../gateway/hl7/mllp-listener';
import { createThrowawayPki } from '../../support/throwaway-ca';
import { createRecordingLogger } from '../../support/recording-logger';

const oru = (controlId: string, extra = ''): string =>
  [
    `MSH|^~\\&|AcmeMonitor^ACDE48234567ABCD^EUI-64|4B||WARDWATCH|20261201140211+0000||ORU^R01^ORU_R01|${controlId}|P|2.6`,
    'PV1||I|4B^^BED04',
    `OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|80${extra}|264864^MDC_DIM_BEAT_PER_MIN^MDC`,
  ].join('\r');

let listener: MllpListener | null = null;
afterEach(async () => {
  await listener?.close();
  listener = null;
});

/** Takes HR 80 and refuses any other value with an AE, as a mapping would refuse a value it cannot use. */
const handler: Hl7Handler = (message) => {
  const value = message.getSegment('OBX')?.getField(5)?.toString();
  if (value === 'boom') throw new Error('the bed store failed');
  return value === '80'
    ? { code: 'AA' }
    : { code: 'AE', problem: { code: HL7_ERROR.dataType, location: 'OBX^1^5', text: `"${value}" is not a number` } };
};

async function start(allowed = '127.0.0.1', withTls?: { certPem: string; keyPem: string }): Promise<MllpListener> {
  listener = await startMllpListener({
    host: '127.0.0.1',
    port: 0,
    allowedSenders: parseAllowedSenders(allowed),
    maxMessageBytes: 4096,
    handle: handler,
    logger: createRecordingLogger(),
    now: () => Date.parse('2026-12-01T14:02:12Z'),
    ...(withTls === undefined ? {} : { tls: withTls }),
  });
  return listener;
}

/** Writes raw bytes on one connection and collects the ACKs (MSA-1, MSA-2, ERR-3.1) of `expected` frames. */
async function rawExchange(
  connect: () => net.Socket,
  writes: readonly Buffer[],
  expected: number,
): Promise<{ code: string; control: string; error: string }[]> {
  const socket = connect();
  const framer = new MllpFramer(1 << 20);
  const acks: { code: string; control: string; error: string }[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${acks.length} of ${expected} answers`)), 5000);
    socket.on('data', (data: Buffer) => {
      for (const event of framer.push(data)) {
        if (event.kind !== 'frame') continue;
        const ack = Hl7Message.parse(event.payload.toString('utf8'));
        acks.push({
          code: ack.getSegment('MSA')?.getField(1)?.toString() ?? '',
          control: ack.getSegment('MSA')?.getField(2)?.toString() ?? '',
          error: ack.getSegment('ERR')?.getField(3)?.getComponent(1) ?? '',
        });
      }
      if (acks.length >= expected) {
        clearTimeout(timer);
        socket.destroy();
        resolve(acks);
      }
    });
    socket.on('error', reject);
    const writeAll = async (): Promise<void> => {
      for (const bytes of writes) {
        socket.write(bytes);
        await new Promise((done) => setTimeout(done, 20));
      }
    };
    socket.once(socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', () => void writeAll());
  });
}

describe('the MLLP listener', () => {
  it('answers a real HL7 client AA, and AE with the reason for a value it cannot use', async () => {
    const { port } = await start();
    const client = new Hl7Client({ host: '127.0.0.1', port });
    try {
      const accepted = await client.sendAndWait(Hl7Message.parse(oru('M-1')), { timeoutMs: 5000 });
      expect(accepted.getSegment('MSA')?.getField(1)?.toString()).toBe('AA');
      expect(accepted.getSegment('MSA')?.getField(2)?.toString()).toBe('M-1');
      expect(accepted.getSegment('MSH')?.getField(9)?.toString()).toBe('ACK^R01^ACK');
      const refused = await client.sendAndWait(Hl7Message.parse(oru('M-2', 'x')), { timeoutMs: 5000 });
      expect(refused.getSegment('MSA')?.getField(1)?.toString()).toBe('AE');
      expect(refused.getSegment('ERR')?.getField(2)?.toString()).toBe('OBX^1^5');
      expect(refused.getSegment('ERR')?.getField(8)?.toString()).toBe('"80x" is not a number');
    } finally {
      await client.close();
    }
    expect(listener?.counts()).toMatchObject({ accepted: 1, errors: 1, rejected: 0 });
  });

  it('refuses what is not HL7, what is too large and what fails, and keeps serving the same connection', async () => {
    const { port } = await start();
    const acks = await rawExchange(
      () => net.connect(port, '127.0.0.1'),
      [
        mllpFrame('hello, is this the lab?'),
        mllpFrame(oru('M-big', 'x'.repeat(5000))),
        mllpFrame(oru('M-boom').replace('|80|', '|boom|')),
        Buffer.from('noise outside any frame'),
        mllpFrame(oru('M-ok')),
      ],
      4,
    );
    expect(acks).toEqual([
      { code: 'AR', control: '', error: HL7_ERROR.segmentSequence },
      { code: 'AR', control: '', error: HL7_ERROR.segmentSequence },
      { code: 'AE', control: 'M-boom', error: HL7_ERROR.internalError },
      { code: 'AA', control: 'M-ok', error: '' },
    ]);
    expect(listener?.counts()).toEqual({
      accepted: 1,
      errors: 1,
      rejected: 2,
      refusedSenders: 0,
      bytesOutsideFrames: 23,
      handlerFailures: 1,
    });
  });

  it('answers frames that TCP joined into one read one by one, in their order', async () => {
    const { port } = await start();
    const joined = Buffer.concat(['J-1', 'J-2', 'J-3'].map((id) => mllpFrame(oru(id))));
    const acks = await rawExchange(() => net.connect(port, '127.0.0.1'), [joined], 3);
    expect(acks.map((ack) => `${ack.code} ${ack.control}`)).toEqual(['AA J-1', 'AA J-2', 'AA J-3']);
  });

  it('closes the connection of a sender that is not on the allow list, and counts it', async () => {
    const { port } = await start('127.0.0.2');
    const closed = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.1' });
      socket.on('connect', () => socket.write(mllpFrame(oru('X-1'))));
      socket.on('data', () => resolve(false));
      socket.on('close', () => resolve(true));
      socket.on('error', () => undefined);
    });
    expect(closed).toBe(true);
    expect(listener?.counts()).toMatchObject({ refusedSenders: 1, accepted: 0 });
  });

  it('speaks MLLP over TLS to a sender that trusts the ward CA', async () => {
    const pki = createThrowawayPki('WardWatch HL7 test CA');
    const { port, secure } = await start('127.0.0.1', { certPem: pki.serverCertPem, keyPem: pki.serverKeyPem });
    expect(secure).toBe(true);
    const acks = await rawExchange(
      () => tls.connect({ port, host: '127.0.0.1', ca: pki.caPem }),
      [mllpFrame(oru('T-1'))],
      1,
    );
    expect(acks).toEqual([{ code: 'AA', control: 'T-1', error: '' }]);
  });
});
