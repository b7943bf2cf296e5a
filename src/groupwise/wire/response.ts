import type { GroupWiseField } from './field.js';
import {
  LittleEndianReader,
  LittleEndianWriter,
  NeedMoreBytes,
  readBinaryFields,
  writeBinaryFields,
} from './binary-fields.js';
import { readEvent, type GroupWiseEvent } from './event.js';
import { GroupWiseProtocolError } from './protocol-error.js';
import { headerEnd } from './stream-buffer.js';

/** A server's reply: `HTTP/1.0 <status>` and header lines, a blank line, then binary fields. */
export interface GroupWiseResponse {
  /** A reply, not an event. */
  readonly kind: 'response';
  /** The HTTP status (200; 301 is a redirect). */
  readonly status: number;
  /** The binary fields, in order. */
  readonly fields: readonly GroupWiseField[];
}

/** What a client reads from its connection: a reply, or an event the server sent on its own. */
export type GroupWiseReply = GroupWiseResponse | GroupWiseEvent;

const encoder = new TextEncoder();
const latin1 = new TextDecoder('latin1');
const REASONS: Readonly<Record<number, string>> = { 200: 'OK', 301: 'Moved Permanently' };

/** Writes a response: the status line, a blank line, the fields in binary and the type-0 byte. */
export function encodeResponse(response: Omit<GroupWiseResponse, 'kind'>): Uint8Array {
  const { status } = response;
  if (!Number.isInteger(status) || status < 100 || status > 999)
    throw new GroupWiseProtocolError('bad-value', `status ${status} is not three digits`);
  const out = new LittleEndianWriter().raw(encoder.encode(`HTTP/1.0 ${status} ${REASONS[status] ?? 'Status'}\r\n\r\n`));
  writeBinaryFields(out, response.fields);
  return out.finish();
}

const H = 0x48;

/**
 * Reads one reply from the front of `bytes`: a response when it begins with `H` (`HTTP`), an event
 * otherwise. Liberal: any header lines, LF or CRLF, a status line that is only `HTTP` (status 0),
 * strings without their NUL. Throws `NeedMoreBytes` when the bytes stop short.
 */
export function readReply(
  bytes: Uint8Array,
  limit: number,
  headerScanned = 0,
): { reply: GroupWiseReply; length: number } {
  if (bytes.length === 0) throw new NeedMoreBytes(1);
  if (bytes[0] !== H) {
    const reader = new LittleEndianReader(bytes);
    const reply = readEvent(reader, limit);
    return { reply, length: reader.offset };
  }
  for (let i = 1; i < 4; i++) {
    if (i >= bytes.length) throw new NeedMoreBytes(4);
    if (bytes[i] !== 'HTTP'.charCodeAt(i))
      throw new GroupWiseProtocolError('bad-start', 'a reply that begins with H must begin with HTTP');
  }
  const end = headerEnd(bytes, Math.max(0, headerScanned - 2));
  if (end < 0) {
    if (bytes.length > limit)
      throw new GroupWiseProtocolError('too-large', `response headers of more than ${limit} bytes`);
    throw new NeedMoreBytes(bytes.length + 1, bytes.length);
  }
  const statusLine = latin1.decode(bytes.subarray(0, Math.min(end, 64))).split(/\r?\n/)[0]!;
  const match = /^HTTP\/\d\.\d\s+(\d{3})/.exec(statusLine);
  const reader = new LittleEndianReader(bytes, end);
  const fields = readBinaryFields(reader, limit);
  return { reply: { kind: 'response', status: match === null ? 0 : Number(match[1]), fields }, length: reader.offset };
}

/** Decodes one whole response or event: `truncated` if `bytes` stop short, `trailing-bytes` if more follow. */
export function decodeReply(bytes: Uint8Array, limit = 64 * 1024): GroupWiseReply {
  let decoded: { reply: GroupWiseReply; length: number };
  try {
    decoded = readReply(bytes, limit);
  } catch (error) {
    if (error instanceof NeedMoreBytes)
      throw new GroupWiseProtocolError('truncated', `${bytes.length} bytes stop before the reply ends`);
    throw error;
  }
  if (decoded.length !== bytes.length)
    throw new GroupWiseProtocolError('trailing-bytes', `${bytes.length - decoded.length} bytes follow the reply`);
  return decoded.reply;
}
