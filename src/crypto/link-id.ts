import nacl from 'tweetnacl';

/** The size of a link id, in bytes. */
export const LINK_ID_BYTES = 16;

const encoder = new TextEncoder();

/**
 * A link's 16-byte identity, part of every nonce on it: derived from a name such as the device PIN
 * (`device:2100000A`) so both ends compute it without exchanging it.
 */
export function linkIdFor(name: string): Uint8Array {
  return nacl.hash(encoder.encode(`bes-collab/link/${name}`)).subarray(0, LINK_ID_BYTES);
}
