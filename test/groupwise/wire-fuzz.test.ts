import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeReply,
  decodeRequests,
  encodeRequest,
  encodeResponse,
  GroupWiseProtocolError,
  ReplyDecoder,
  RequestDecoder,
} from '../../src/groupwise/wire/index.js';
import { anyFields } from './arbitraries.js';
import { fuzz } from '../sametime/fuzz-settings.js';

const MAX = 2048;
const CODES =
  /^(truncated|too-large|bad-start|bad-field|unknown-type|unknown-event|too-deep|bad-value|trailing-bytes)$/;

/** Runs `fn`; anything it throws must be a GroupWiseProtocolError with a known code. */
function onlyProtocolErrors(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof GroupWiseProtocolError)) throw error;
    expect(error.code).toMatch(CODES);
  }
}

/** Feeds `bytes` to both stream decoders in `chunk`-byte pieces, checking neither holds more than its limit. */
function feed(bytes: Uint8Array, chunk: number): void {
  onlyProtocolErrors(() => {
    const replies = new ReplyDecoder({ maxLength: MAX });
    for (let at = 0; at < bytes.length; at += chunk) {
      replies.push(bytes.subarray(at, at + chunk), () => {});
      expect(replies.buffered).toBeLessThanOrEqual(MAX);
    }
  });
  onlyProtocolErrors(() => {
    const requests = new RequestDecoder({ maxLength: MAX });
    for (let at = 0; at < bytes.length; at += chunk) {
      requests.push(bytes.subarray(at, at + chunk), () => {});
      expect(requests.buffered).toBeLessThanOrEqual(MAX);
    }
  });
}

describe('GroupWise decoders fed garbage', () => {
  it('random bytes give only GroupWiseProtocolError, from every decoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
        onlyProtocolErrors(() => decodeReply(bytes, MAX));
        onlyProtocolErrors(() => decodeRequests(bytes, MAX));
        feed(bytes, chunk);
      }),
      fuzz,
    );
  });

  it('text that looks like a request, with random fields and characters, gives only GroupWiseProtocolError', () => {
    const piece = fc.constantFrom(
      '&tag=',
      '&cmd=',
      '&val=',
      '&type=',
      '9',
      '10',
      '%',
      '%4',
      'G',
      'Z',
      '\r\n',
      '\n',
      '+',
      'x',
    );
    const body = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(body, (b) => {
        const bytes = new TextEncoder().encode(`POST /login HTTP/1.0\r\n\r\n${b}\r\n`);
        onlyProtocolErrors(() => decodeRequests(bytes, MAX));
      }),
      fuzz,
    );
  });

  it('valid requests and responses with bytes flipped give only GroupWiseProtocolError', () => {
    fc.assert(
      fc.property(
        anyFields,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        (fields, flips) => {
          for (const original of [
            encodeRequest({ command: 'login', fields }),
            encodeResponse({ status: 200, fields }),
          ]) {
            const bytes = Uint8Array.from(original);
            for (const [at, x] of flips) bytes[at % bytes.length]! ^= x;
            onlyProtocolErrors(() => decodeReply(bytes, MAX));
            onlyProtocolErrors(() => decodeRequests(bytes, MAX));
            feed(bytes, 3);
          }
        },
      ),
      fuzz,
    );
  });

  it('every truncation of a valid response is truncated, never a different reply', () => {
    fc.assert(
      fc.property(anyFields, fc.nat(), (fields, cut) => {
        const bytes = encodeResponse({ status: 200, fields });
        const end = cut % bytes.length;
        expect(() => decodeReply(bytes.subarray(0, end))).toThrow(expect.objectContaining({ code: 'truncated' }));
      }),
      fuzz,
    );
  });

  it('a huge declared length or child count never makes a decoder hold more than its limit', () => {
    const huge = Buffer.concat([
      Buffer.from('HTTP/1.0 200\r\n\r\n'),
      Buffer.from([9, 0, 2, 0, 0, 0, 0x41, 0, 0xff, 0xff, 0xff, 0xff]),
    ]);
    expect(() => decodeReply(huge, MAX)).toThrow(expect.objectContaining({ code: 'too-large' }));
    const longText = Buffer.concat([
      Buffer.from('HTTP/1.0 200\r\n\r\n'),
      Buffer.from([10, 0, 2, 0, 0, 0, 0x41, 0, 0xff, 0xff, 0xff, 0x7f]),
    ]);
    expect(() => new ReplyDecoder({ maxLength: MAX }).push(longText, () => {})).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
  });
});
