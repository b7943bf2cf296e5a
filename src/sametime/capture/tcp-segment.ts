/** TCP header flags. */
export const TcpFlag = {
  /** The sender has no more to send. */
  fin: 0x01,
  /** Opens a connection: synchronise sequence numbers. */
  syn: 0x02,
  /** Resets the connection. */
  rst: 0x04,
  /** Deliver to the application now. */
  psh: 0x08,
  /** The acknowledgement number is valid. */
  ack: 0x10,
} as const;

const IPV4_HEADER_BYTES = 20;
const TCP_HEADER_BYTES = 20;
/** The window every synthesized segment advertises. */
const WINDOW = 0xffff;

/** One TCP segment in an IPv4 packet, as a capture shows it. Addresses are four octets. */
export interface TcpSegment {
  /** The sender's IPv4 address. */
  readonly source: readonly number[];
  /** The receiver's IPv4 address. */
  readonly destination: readonly number[];
  /** The sender's TCP port. */
  readonly sourcePort: number;
  /** The receiver's TCP port. */
  readonly destinationPort: number;
  /** The sequence number of the segment's first byte. */
  readonly seq: number;
  /** The next sequence number the sender expects from the receiver. */
  readonly ack: number;
  /** The `TcpFlag` bits set. */
  readonly flags: number;
  /** The IPv4 identification field. */
  readonly id: number;
  /** The bytes the segment carries. */
  readonly payload: Uint8Array;
}

/** The ones' complement sum of 16-bit big-endian words that IPv4 and TCP checksums use. */
function onesComplementSum(bytes: Uint8Array, from: number, to: number, initial = 0): number {
  let sum = initial;
  for (let i = from; i < to; i += 2) sum += (bytes[i]! << 8) | (i + 1 < to ? bytes[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** An IPv4 packet (20-byte header, don't fragment, TTL 64) carrying the segment, both checksums filled in. */
export function ipv4TcpPacket(s: TcpSegment): Uint8Array {
  const total = IPV4_HEADER_BYTES + TCP_HEADER_BYTES + s.payload.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out[0] = 0x45;
  view.setUint16(2, total);
  view.setUint16(4, s.id & 0xffff);
  view.setUint16(6, 0x4000);
  out[8] = 64;
  out[9] = 6; // TCP
  out.set(s.source, 12);
  out.set(s.destination, 16);
  view.setUint16(10, ~onesComplementSum(out, 0, IPV4_HEADER_BYTES) & 0xffff);
  const t = IPV4_HEADER_BYTES;
  view.setUint16(t, s.sourcePort);
  view.setUint16(t + 2, s.destinationPort);
  view.setUint32(t + 4, s.seq >>> 0);
  view.setUint32(t + 8, s.ack >>> 0);
  out[t + 12] = (TCP_HEADER_BYTES / 4) << 4;
  out[t + 13] = s.flags;
  view.setUint16(t + 14, WINDOW);
  out.set(s.payload, t + TCP_HEADER_BYTES);
  // Pseudo header: source, destination, zero, protocol, TCP length.
  const tcpLength = TCP_HEADER_BYTES + s.payload.length;
  let pseudo = onesComplementSum(out, 12, 20);
  pseudo += 6 + tcpLength;
  view.setUint16(t + 16, ~onesComplementSum(out, t, total, pseudo) & 0xffff);
  return out;
}

/** The four octets of a dotted IPv4 address (an IPv4-mapped IPv6 one too), or undefined. */
export function ipv4Octets(address: string): number[] | undefined {
  const match = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(address);
  if (match === null) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}
