/**
 * The classic libpcap file format (what Wireshark and tshark open): a 24-byte global header, then
 * per packet a 16-byte record header and the packet. Written little-endian, microsecond stamps.
 */

/** LINKTYPE_RAW: each packet starts at its IP header (no link layer). */
export const LINKTYPE_RAW = 101;
/** The most bytes of a packet a record keeps. */
export const PCAP_SNAPLEN = 0xffff;
export const PCAP_FILE_HEADER_BYTES = 24;
export const PCAP_RECORD_HEADER_BYTES = 16;

/** The global header: magic a1b2c3d4, version 2.4, zone 0, accuracy 0, snaplen, link type. */
export function pcapFileHeader(linkType: number = LINKTYPE_RAW): Uint8Array {
  const out = new Uint8Array(PCAP_FILE_HEADER_BYTES);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, PCAP_SNAPLEN, true);
  view.setUint32(20, linkType, true);
  return out;
}

/** One packet record: its time (milliseconds since the epoch, fractions kept to the microsecond), then the packet. */
export function pcapRecord(atMs: number, packet: Uint8Array): Uint8Array {
  const out = new Uint8Array(PCAP_RECORD_HEADER_BYTES + packet.length);
  const view = new DataView(out.buffer);
  const micros = Math.max(0, Math.round(atMs * 1000));
  view.setUint32(0, Math.floor(micros / 1_000_000), true);
  view.setUint32(4, micros % 1_000_000, true);
  view.setUint32(8, packet.length, true);
  view.setUint32(12, packet.length, true);
  out.set(packet, PCAP_RECORD_HEADER_BYTES);
  return out;
}
