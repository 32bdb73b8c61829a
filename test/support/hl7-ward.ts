/**
 * What the HL7 integration tests share: a gateway with an HL7 port on loopback, and a receiving system played by Medplum's HL7 server (not
 * our code) that acknowledges and keeps every message — an EMR, a device vendor's gateway.
 */
import type { Hl7Message } from '@medplum/core';
import { Hl7Server } from '@medplum/hl7';
import { parseAllowedSenders } from '../../gateway/hl7/allowed-senders';
import { startWardGateway, type WardGateway, type WardGatewayOptions } from '../../gateway/ward-gateway';
import { DEFAULT_WARD_SETUP } from '../../gateway/ward-setup';
import { createRecordingLogger } from './recording-logger';
import { freePort } from './free-port';

export { hl7Fixture } from './hl7-fixtures';

/** A gateway for "Ward 4B" with an HL7 port open to 127.0.0.1, demo users and the database in memory. */
export function startHl7Gateway(
  options: Partial<Omit<WardGatewayOptions, 'ward'>> & { readonly ward: Partial<WardGatewayOptions['ward']> },
): Promise<WardGateway> {
  return startWardGateway({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    dataDir: null,
    initialUsers: { kind: 'demo' },
    hl7: { port: 0, allowedSenders: parseAllowedSenders('127.0.0.1'), tls: null },
    logger: createRecordingLogger(),
    ...options,
    ward: { ...DEFAULT_WARD_SETUP, ...options.ward },
  });
}

/** A receiving HL7 system. */
export interface Hl7Receiver {
  readonly port: number;
  /** Every message received, in order. */
  readonly messages: Hl7Message[];
  stop(): Promise<void>;
}

/** Starts Medplum's HL7 server on a free port; it acknowledges every message AA. */
export async function startHl7Receiver(): Promise<Hl7Receiver> {
  const port = await freePort();
  const messages: Hl7Message[] = [];
  const server = new Hl7Server((connection) => {
    connection.addEventListener('message', ({ message }) => {
      messages.push(message);
      connection.send(message.buildAck());
    });
  });
  server.start(port);
  return { port, messages, stop: () => server.stop() };
}
