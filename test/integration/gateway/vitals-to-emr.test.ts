/**
 * PCD-01 out (issue 15): the gateway as a Device Observation Reporter to an EMR — Medplum's HL7 server (not our
 * code) plays the EMR. On a nurse's request a bed's vitals arrive as ORU^R01 with the patient the ADT census names
 * (PID), the bed (PV1-3), each numeric with MDC code and unit and its own measurement time (an NIBP minutes old keeps
 * its time); the whole ward on request; without an EMR the request is refused with what IT must do.
 */
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { readPcd01Numerics } from '../../../gateway/hl7/pcd01-numerics';
import type { WardGateway } from '../../../gateway/ward-gateway';
import { signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { hl7Fixture, startHl7Gateway, startHl7Receiver, type Hl7Receiver } from '../../support/hl7-ward';
import { waitFor } from '../../support/wait-for';

let gateway: WardGateway;
let emr: Hl7Receiver;
let nurse: Socket;
let received: Hl7Message[] = [];

beforeAll(async () => {
  emr = await startHl7Receiver();
  received = emr.messages;
  gateway = await startHl7Gateway({ ward: { beds: 2 }, emr: { host: '127.0.0.1', port: emr.port } });
  // Signing in needs the database open, as the census does: under a loaded machine (the CI's parallel test files)
  // opening it can take longer than an ADT sender waits for its ACK.
  const grant = await signInDemo(gateway.server.url, 'nurse');
  const adt = new Hl7Client({ host: '127.0.0.1', port: gateway.server.hl7Port as number });
  await adt.sendAndWait(Hl7Message.parse(hl7Fixture('adt-a01-admit.hl7')), { timeoutMs: 10_000 });
  adt.close();
  nurse = await welcomed(socketWithToken(gateway.server.url, grant.accessToken));
  // The beds' numerics reach the export once a second; the simulated patients take a few to settle.
  await new Promise((resolve) => setTimeout(resolve, 4000));
}, 60_000);

afterAll(async () => {
  nurse?.close();
  await gateway?.close();
  await emr?.stop();
});

describe('vitals to the EMR', () => {
  it('sends one bed’s vitals on request, with the patient, the bed and each value’s own time', async () => {
    expect(await nurse.emitWithAck(WARD_EVENTS.sendVitals, { bedId: 'bed-02' })).toEqual({
      ok: true,
      value: { beds: 1 },
    });
    const message = await waitFor('the ORU^R01 at the EMR', () => received[0]);
    expect(message.getSegment('MSH')?.getField(9)?.toString()).toBe('ORU^R01^ORU_R01');
    expect(message.getSegment('PID')?.getField(3)?.getComponent(1)).toBe('55501');
    expect(message.getSegment('PV1')?.getField(3)?.toString()).toBe('Ward 4B^^Bed 2');
    // Read back through the gateway's own PCD-01 reader: what a DEC consumer gets.
    const read = readPcd01Numerics(message);
    const keys = read.numerics.map((numeric) => numeric.key);
    expect(keys).toEqual(expect.arrayContaining(['HR', 'SPO2', 'NIBP_SYS', 'TEMP']));
    expect(read.skipped).toEqual([]);
    const hr = read.numerics.find((numeric) => numeric.key === 'HR');
    const nibp = read.numerics.find((numeric) => numeric.key === 'NIBP_SYS');
    expect(hr?.value).toBeGreaterThan(30);
    // The cuff measured before the heart rate was last counted: its OBX-14 says so.
    expect(nibp?.measuredAtMs ?? Infinity).toBeLessThanOrEqual(hr?.measuredAtMs ?? 0);
  });

  it('sends every bed on a request for the ward, and refuses an unknown bed', async () => {
    const before = received.length;
    expect(await nurse.emitWithAck(WARD_EVENTS.sendVitals, { bedId: null })).toEqual({ ok: true, value: { beds: 2 } });
    await waitFor('two more messages', () => received.length >= before + 2);
    expect(await nurse.emitWithAck(WARD_EVENTS.sendVitals, { bedId: 'bed-99' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_BED' },
    });
  });
});
