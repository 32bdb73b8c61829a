/**
 * Which network addresses may send HL7 to the gateway: an admin's list of IPv4 addresses and CIDR ranges (the ward's
 * device VLAN, the ADT interface engine). Parsed once, with a clear error for an entry that is not one.
 */
import { isIP } from 'node:net';

/** Parsed allow list: IPv4 ranges as [network, mask]. */
export interface AllowedSenders {
  readonly ranges: readonly (readonly [number, number])[];
  /** The list as given, for logs and the Station screen. */
  readonly text: string;
}

/** Parses `10.1.4.0/24,127.0.0.1`; throws naming the entry that is not an IPv4 address or range. */
export function parseAllowedSenders(list: string): AllowedSenders {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('the HL7 allow list is empty: name the senders (e.g. 10.1.4.0/24)');
  const ranges = entries.map((entry): readonly [number, number] => {
    const [address, bitsText] = entry.split('/');
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (address === undefined || isIP(address) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32)
      throw new Error(`"${entry}" in the HL7 allow list is not an IPv4 address or range (e.g. 10.1.4.0/24)`);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return [(ipv4ToNumber(address) & mask) >>> 0, mask];
  });
  return { ranges, text: entries.join(',') };
}

/** Whether `address` (as a socket reports it) is on the list. */
export function senderAllowed(allowed: AllowedSenders, address: string): boolean {
  if (isIP(address) !== 4) return false;
  const value = ipv4ToNumber(address);
  return allowed.ranges.some(([network, mask]) => (value & mask) >>> 0 === network);
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, part) => ((value << 8) | Number(part)) >>> 0, 0);
}
