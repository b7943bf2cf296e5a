import type { Clock } from '../../time/clock.js';
import { checkCount, MAX_PORT } from '../errors.js';
import type { LinkCapture, LinkDirection, LinkEndpoints } from '../link/sametime-link.js';
import { pcapFileHeader, pcapRecord } from './pcap-format.js';
import { ipv4Octets, ipv4TcpPacket, TcpFlag } from './tcp-segment.js';

/** The most payload bytes per synthesized segment: an Ethernet-sized MSS. */
const MSS = 1460;
/** Addresses for links that have none (in-process): from the documentation ranges of RFC 5737. */
const SYNTHETIC_CLIENT = [192, 0, 2, 1];
const SYNTHETIC_SERVER = [198, 51, 100, 1];
const FIRST_CLIENT_PORT = 40_000;

/** How a `PcapRecorder` stamps and addresses the packets it writes. */
export interface PcapRecorderOptions {
  /** Stamps every packet with this clock's time (a `VirtualClock` starts at the epoch). */
  readonly clock: Clock;
  /** The server port of in-process links, where Wireshark looks for Sametime. Default 1533. */
  readonly serverPort?: number;
}

interface Side {
  readonly address: readonly number[];
  readonly port: number;
  /** The next sequence number this side sends. */
  seq: number;
  id: number;
}

interface Stream {
  readonly client: Side;
  readonly server: Side;
  finished: boolean;
}

/**
 * Turns what links capture into a pcap file Wireshark opens as Sametime: each link becomes a TCP
 * connection (SYN, SYN-ACK, ACK, then its bytes in segments of at most 1460, then FIN both ways
 * when `finish` is called), with a TCP link's real addresses and ports or, for an in-process link,
 * documentation addresses and the Sametime port. Pass `capture` wherever a `LinkCapture` goes.
 * Deterministic on a `VirtualClock`: same run, same file.
 */
export class PcapRecorder {
  readonly #clock: Clock;
  readonly #serverPort: number;
  readonly #streams = new Map<string, Stream>();
  readonly #records: Uint8Array[] = [pcapFileHeader()];
  #packets = 0;
  #lastAt = 0;

  constructor(options: PcapRecorderOptions) {
    this.#clock = options.clock;
    this.#serverPort = checkCount('serverPort', options.serverPort ?? 1533, 1, false, MAX_PORT);
  }

  /** Packets recorded so far, synthesized handshakes included. */
  get packets(): number {
    return this.#packets;
  }

  /** Connections (links) recorded so far. */
  get streams(): number {
    return this.#streams.size;
  }

  /**
   * Give this to a connector, server or listener as its `capture`: each chunk becomes one TCP segment of its
   * connection.
   */
  readonly capture: LinkCapture = (
    direction: LinkDirection,
    bytes: Uint8Array,
    linkId: string,
    endpoints?: LinkEndpoints,
  ): void => {
    const at = this.#clock.now();
    this.#lastAt = Math.max(this.#lastAt, at);
    const stream = this.#streams.get(linkId) ?? this.#open(linkId, endpoints, at);
    if (stream.finished || bytes.length === 0) return;
    const [from, to] = direction === 'to-server' ? [stream.client, stream.server] : [stream.server, stream.client];
    for (let start = 0; start < bytes.length; start += MSS) {
      const payload = bytes.subarray(start, Math.min(bytes.length, start + MSS));
      this.#segment(at, from, to, TcpFlag.psh | TcpFlag.ack, payload);
      from.seq = (from.seq + payload.length) >>> 0;
    }
  };

  /** The file so far, with FIN both ways on every connection still open. Later captures are not recorded on those. */
  finish(): Uint8Array {
    const at = this.#lastAt;
    for (const stream of this.#streams.values()) {
      if (stream.finished) continue;
      stream.finished = true;
      const { client, server } = stream;
      this.#segment(at, client, server, TcpFlag.fin | TcpFlag.ack);
      client.seq = (client.seq + 1) >>> 0;
      this.#segment(at, server, client, TcpFlag.fin | TcpFlag.ack);
      server.seq = (server.seq + 1) >>> 0;
      this.#segment(at, client, server, TcpFlag.ack);
    }
    return Buffer.concat(this.#records);
  }

  #open(linkId: string, endpoints: LinkEndpoints | undefined, at: number): Stream {
    const n = this.#streams.size;
    const side = (address: readonly number[], port: number, isn: number): Side => ({
      address,
      port,
      seq: isn,
      id: (n << 8) & 0xffff,
    });
    const client = side(
      (endpoints && ipv4Octets(endpoints.client.address)) ?? SYNTHETIC_CLIENT,
      endpoints?.client.port ?? FIRST_CLIENT_PORT + (n % 20_000),
      (n * 0x0100_0000 + 1) >>> 0,
    );
    const server = side(
      (endpoints && ipv4Octets(endpoints.server.address)) ?? SYNTHETIC_SERVER,
      endpoints?.server.port ?? this.#serverPort,
      (n * 0x0100_0000 + 0x0080_0001) >>> 0,
    );
    const stream: Stream = { client, server, finished: false };
    this.#streams.set(linkId, stream);
    this.#segment(at, client, server, TcpFlag.syn, undefined, 0);
    client.seq = (client.seq + 1) >>> 0;
    this.#segment(at, server, client, TcpFlag.syn | TcpFlag.ack);
    server.seq = (server.seq + 1) >>> 0;
    this.#segment(at, client, server, TcpFlag.ack);
    return stream;
  }

  #segment(
    at: number,
    from: Side,
    to: Side,
    flags: number,
    payload: Uint8Array = new Uint8Array(0),
    ack = to.seq,
  ): void {
    const packet = ipv4TcpPacket({
      source: from.address,
      destination: to.address,
      sourcePort: from.port,
      destinationPort: to.port,
      seq: from.seq,
      ack,
      flags,
      id: from.id++,
      payload,
    });
    this.#records.push(pcapRecord(at, packet));
    this.#packets++;
  }
}
