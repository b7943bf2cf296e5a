/**
 * Benchmark 2, the floor itself: how the four device messages of a login + logout are best
 * compressed, and what key agreement costs. For each way of compressing: the bytes on the air per
 * login + logout (four frames: 12-byte header, 16-byte MAC, compressed payload) and the CPU per
 * frame (compress + inflate, averaged over the four). Then one Diffie-Hellman exponentiation,
 * which no login pays for: both ends cache the agreed RC2 key per peer key.
 */
import {
  Inflate,
  ZStream,
  Z_OK,
  Z_SYNC_FLUSH,
  deflateRaw,
  zlibDeflate,
  zlibDeflateInit2,
  zlibInflate,
  zlibInflateInit2,
} from 'pako';
import nacl from 'tweetnacl';
import type { PayloadCompressor } from '../src/index.js';
import { lib, sametimeLib } from './lib.js';
import { check, loginRig, userOf } from './fixture.js';
import { bestOf, count, microseconds, quick } from './measure.js';

const {
  DeflateCompressor,
  FRAME_DICTIONARY,
  FrameKind,
  MAX_PAYLOAD_BYTES,
  createRandom,
  deviceMessage,
  encodeDeviceMessage,
  frameDeflate,
} = lib;
const { DH_KEY_BYTES, DhKeyPair, rc2KeyFromSharedSecret } = sametimeLib;

/** Frame header and secretbox MAC around each compressed payload. */
const FRAME_OVERHEAD = 12 + nacl.secretbox.overheadLength;

const MESSAGES = [
  encodeDeviceMessage(deviceMessage(FrameKind.loginRequest, { ...userOf(7), client: 'sametime' })),
  encodeDeviceMessage(deviceMessage(FrameKind.loginReply, { status: 'accepted', sessionId: 'session-7' })),
  encodeDeviceMessage(deviceMessage(FrameKind.logout, {})),
  encodeDeviceMessage(deviceMessage(FrameKind.logoutReply, { status: 'logged-out' })),
];

interface Candidate {
  readonly name: string;
  /** Each frame opens whatever happened to the frames before it. */
  readonly independent: boolean;
  readonly note: string;
  /** A fresh instance: per-link streams carry state from frame to frame. */
  create(): PayloadCompressor;
}

/** What the seal used before: pako's one-shot deflateRaw, and a fresh Inflate per frame with an onData cap. */
const oneShot = (options: Parameters<typeof deflateRaw>[1]): PayloadCompressor => ({
  compress: (payload) => deflateRaw(payload, options),
  decompress(compressed, cap) {
    const inflater = new Inflate({ raw: true, chunkSize: 16 * 1024 });
    const chunks: Uint8Array[] = [];
    let total = 0;
    inflater.onData = (chunk: Uint8Array) => {
      total += chunk.length;
      if (total > cap) throw new Error('over the cap');
      chunks.push(chunk);
    };
    inflater.push(compressed, true);
    return chunks.length === 1 ? chunks[0]! : new Uint8Array(0);
  },
});

/** Stored blocks: a valid deflate stream that compresses nothing (5 bytes of framing). */
const stored: PayloadCompressor = {
  compress(payload) {
    const out = new Uint8Array(payload.length + 5);
    out[0] = 1;
    out[1] = payload.length & 0xff;
    out[2] = payload.length >>> 8;
    out[3] = ~payload.length & 0xff;
    out[4] = (~payload.length >>> 8) & 0xff;
    out.set(payload, 5);
    return out;
  },
  decompress: (compressed) => compressed.slice(5),
};

/**
 * One deflate stream per link direction, flushed (Z_SYNC_FLUSH) after each frame, its 00 00 ff ff
 * tail dropped (as permessage-deflate does): each frame refers back to the ones before, so a lost
 * frame makes every later one unreadable until both ends start a new stream.
 */
function perLinkStream(): PayloadCompressor {
  const deflater = new ZStream();
  check(zlibDeflateInit2(deflater, 6, 8, -10, 1, 0, true) === Z_OK, 'deflateInit2');
  const inflater = new ZStream();
  check(zlibInflateInit2(inflater, -15) === Z_OK, 'inflateInit2');
  const out = new Uint8Array(4096);
  const inflated = new Uint8Array(MAX_PAYLOAD_BYTES + 1);
  return {
    compress(payload) {
      deflater.input = payload;
      deflater.next_in = 0;
      deflater.avail_in = payload.length;
      deflater.output = out;
      deflater.next_out = 0;
      deflater.avail_out = out.length;
      zlibDeflate(deflater, Z_SYNC_FLUSH);
      return out.slice(0, deflater.next_out - 4);
    },
    decompress(compressed, cap) {
      const input = new Uint8Array(compressed.length + 4);
      input.set(compressed);
      input.set([0, 0, 0xff, 0xff], compressed.length);
      inflater.input = input;
      inflater.next_in = 0;
      inflater.avail_in = input.length;
      inflater.output = inflated;
      inflater.next_out = 0;
      inflater.avail_out = cap + 1;
      zlibInflate(inflater, Z_SYNC_FLUSH);
      return inflated.slice(0, inflater.next_out);
    },
  };
}

const CANDIDATES: readonly Candidate[] = [
  {
    name: 'pako.deflateRaw one-shot, defaults',
    independent: true,
    note: 'before: 64 KiB window and hash per call',
    create: () => oneShot({}),
  },
  {
    name: 'one-shot, window 2^9, memLevel 1',
    independent: true,
    note: "pako's new hash still clears 64 KiB",
    create: () => oneShot({ windowBits: 9, memLevel: 1 }),
  },
  {
    name: 'one-shot, window 2^9, memLevel 1, classic hash',
    independent: true,
    note: 'state still built per call',
    create: () => oneShot({ windowBits: 9, memLevel: 1, legacyHash: true }),
  },
  {
    name: 'reused state, window 2^15, memLevel 8',
    independent: true,
    note: 'classic hash, reset per frame',
    create: () => new DeflateCompressor({ windowBits: 15, memLevel: 8 }),
  },
  {
    name: 'reused state, window 2^10, memLevel 1',
    independent: true,
    note: 'no dictionary',
    create: () => new DeflateCompressor({ windowBits: 10, memLevel: 1 }),
  },
  {
    name: 'reused + dictionary, level 6 (frameDeflate)',
    independent: true,
    note: 'the choice',
    create: () => frameDeflate,
  },
  {
    name: 'reused + dictionary, level 1',
    independent: true,
    note: '',
    create: () => new DeflateCompressor({ level: 1, dictionary: FRAME_DICTIONARY }),
  },
  {
    name: 'reused + dictionary, level 9',
    independent: true,
    note: '',
    create: () => new DeflateCompressor({ level: 9, dictionary: FRAME_DICTIONARY }),
  },
  {
    name: 'stored (no compression)',
    independent: true,
    note: 'fails "a login request seals smaller"',
    create: () => stored,
  },
  {
    name: 'per-link stream, sync flush',
    independent: false,
    note: 'a lost frame breaks the link',
    create: perLinkStream,
  },
];

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Bytes on the air for the four frames of a login + logout, as the second login on a link sends them. */
function bytesOnAir(candidate: Candidate): number {
  const compressor = candidate.create();
  let total = 0;
  for (let login = 0; login < 2; login++) {
    total = 0;
    for (const message of MESSAGES) {
      const compressed = compressor.compress(message);
      check(
        sameBytes(compressor.decompress(compressed, MAX_PAYLOAD_BYTES), message),
        `${candidate.name} does not round-trip`,
      );
      total += FRAME_OVERHEAD + compressed.length;
    }
  }
  return total;
}

/**
 * Nanoseconds per Diffie-Hellman modular exponentiation over the protocol's 512-bit group (a
 * shared secret: the peer's value to our 512-bit private power, mod p), and per RC2 key expansion.
 */
function keyAgreementCost(): { modPow: number; expand: number } {
  const ours = new DhKeyPair(createRandom('bench/dh/ours'));
  const theirs = new DhKeyPair(createRandom('bench/dh/theirs')).publicKey(DH_KEY_BYTES);
  const secret = ours.sharedSecret(theirs)!;
  const counts = quick ? { warmup: 3, iterations: 10, rounds: 2 } : { warmup: 20, iterations: 100, rounds: 3 };
  const dh = bestOf({ modPow: () => void ours.sharedSecret(theirs) }, counts);
  const expand = bestOf(
    { expand: () => void rc2KeyFromSharedSecret(secret) },
    quick ? counts : { warmup: 2_000, iterations: 20_000, rounds: 3 },
  );
  return { modPow: dh.modPow, expand: expand.expand };
}

export async function run(): Promise<void> {
  const mode = quick ? ' (quick)' : '';
  console.log(`\n2. the floor: compressing the four device messages of a login + logout${mode}`);
  const sizes = MESSAGES.map((m) => m.length);
  console.log(
    `  payloads ${sizes.join(' + ')} = ${sizes.reduce((a, b) => a + b, 0)} bytes of JSON; each frame adds ${FRAME_OVERHEAD} (header + MAC)`,
  );
  const counts = quick ? { warmup: 100, iterations: 200, rounds: 2 } : { warmup: 2_000, iterations: 4_000, rounds: 5 };
  const rows: string[] = [];
  const cases: Record<string, () => void> = {};
  for (const candidate of CANDIDATES) {
    const compressor = candidate.create();
    if (candidate.independent) {
      const again = candidate.create();
      check(
        MESSAGES.every((m) => sameBytes(compressor.compress(m), again.compress(m))),
        `${candidate.name} is not deterministic`,
      );
    }
    // One call: each message compressed and inflated once, so the figure per frame is a quarter.
    cases[candidate.name] = () => {
      for (const message of MESSAGES) compressor.decompress(compressor.compress(message), MAX_PAYLOAD_BYTES);
    };
  }
  const best = bestOf(cases, counts);
  for (const candidate of CANDIDATES) {
    const perFrame = best[candidate.name]! / MESSAGES.length;
    rows.push(
      `  ${candidate.name.padEnd(48)} ${`${bytesOnAir(candidate)} B`.padStart(20)}  ${microseconds(perFrame).padStart(13)}  ${candidate.independent ? 'independent' : 'chained    '}  ${candidate.note}`,
    );
  }
  console.log(`  ${'way of compressing'.padEnd(48)} air per login+logout  CPU per frame  frames       note`);
  for (const row of rows) console.log(row);

  // Key agreement: measured, then counted over real logins: one per adapter-server pair, ever.
  const kx = keyAgreementCost();
  console.log(
    `  Diffie-Hellman modular exponentiation (512-bit group, bigint): ${microseconds(kx.modPow)} per operation`,
  );
  console.log(`  RC2 key expansion (16-byte key, 1024 effective bits): ${microseconds(kx.expand)} per key`);
  const logins = quick ? 50 : 1_000;
  const { devices, bes } = loginRig({ devices: 10 });
  for (let i = 0; i < logins; i++) {
    const device = devices[i % devices.length]!;
    check((await device.login(userOf(i % devices.length))).status === 'accepted', 'a login was not accepted');
    check((await device.logout()).status === 'logged-out', 'a logout failed');
  }
  const { adapter, server } = bes.backend;
  console.log(
    `  key agreements in ${count(logins)} logins: adapter ${adapter.keyAgreements}, server ${server.keyAgreements}` +
      ` (each side caches the shared key per peer key: no login pays for one)`,
  );
}
