/**
 * What the sealed link costs over the primitives it is built on: one 150-byte login request sealed
 * by the device end and opened by the BES end, against the link's compressor (`frameDeflate`) +
 * nacl.secretbox and nacl.secretbox.open + the compressor's inflate called directly on the same bytes.
 */
import nacl from 'tweetnacl';
import { lib } from './lib.js';
import { bestOf, microseconds, quick } from './measure.js';

const { FrameKind, MAX_PAYLOAD_BYTES, SealedLink, TransportKey, createRandom, frameDeflate, linkIdFor } = lib;

const TARGET_RATIO = 1.2;

const LOGIN_REQUEST = new TextEncoder().encode(
  JSON.stringify({
    op: 'login',
    pin: '2100000A',
    user: 'alice.smith@example.com',
    password: 'Winter2008!',
    client: 'BlackBerry 8800/4.5',
    server: 'sametime.example.com',
  }),
);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function run(): void {
  const keyBytes = createRandom('bench/seal-open').bytes(nacl.secretbox.keyLength);
  const key = TransportKey.fromBytes(keyBytes);
  const linkId = linkIdFor('device:2100000A');
  const device = new SealedLink({ key, linkId, sends: 'uplink' });
  const bes = new SealedLink({ key, linkId, sends: 'downlink' });
  const nonce = new Uint8Array(nacl.secretbox.nonceLength);
  nonce.set(linkId);

  let sink = 0;
  const cases = {
    link(): void {
      sink += bes.open(device.seal(FrameKind.loginRequest, LOGIN_REQUEST)).payload.length;
    },
    floor(): void {
      const box = nacl.secretbox(frameDeflate.compress(LOGIN_REQUEST), nonce, keyBytes);
      const opened = nacl.secretbox.open(box, nonce, keyBytes);
      if (opened === null) throw new Error('the floor does not open its own box');
      sink += frameDeflate.decompress(opened, MAX_PAYLOAD_BYTES).length;
    },
  };

  // Both paths must do the whole job before their cost means anything.
  const viaLink = bes.open(device.seal(FrameKind.loginRequest, LOGIN_REQUEST)).payload;
  const box = nacl.secretbox(frameDeflate.compress(LOGIN_REQUEST), nonce, keyBytes);
  const viaFloor = frameDeflate.decompress(
    nacl.secretbox.open(box, nonce, keyBytes) ?? new Uint8Array(0),
    MAX_PAYLOAD_BYTES,
  );
  if (!sameBytes(viaLink, LOGIN_REQUEST) || !sameBytes(viaFloor, LOGIN_REQUEST)) {
    throw new Error('seal-open: a round trip did not give back the login request');
  }

  const counts = quick ? { warmup: 300, iterations: 400, rounds: 5 } : { warmup: 2_000, iterations: 5_000, rounds: 7 };
  const best = bestOf(cases, counts);
  const ratio = best.link / best.floor;

  const mode = quick ? ' (quick)' : '';
  console.log(`\nseal-open: ${LOGIN_REQUEST.length}-byte login request, device seals, BES opens${mode}`);
  console.log(`  SealedLink seal + open          ${microseconds(best.link)} per frame`);
  console.log(`  deflate+secretbox, open+inflate ${microseconds(best.floor)} per frame (floor, same calls direct)`);
  const verdict = ratio > TARGET_RATIO ? '  OVER TARGET' : '';
  console.log(`  ratio ${ratio.toFixed(2)}x (target: at most ${TARGET_RATIO}x)${verdict}`);
  if (sink === 0) console.log('  (nothing was opened)');
}
