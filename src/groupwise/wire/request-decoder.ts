import {
  FieldType,
  isArrayType,
  isFieldType,
  isNumberType,
  isTextType,
  methodOfChar,
  type GroupWiseField,
} from './field.js';
import { GroupWiseProtocolError } from './protocol-error.js';
import { MAX_DEPTH, type GroupWiseRequest } from './request.js';
import { headerEnd, StreamBuffer } from './stream-buffer.js';
import { urlUnescape } from './url-escape.js';

/** The largest request a server takes by default. */
export const DEFAULT_MAX_REQUEST_LENGTH = 64 * 1024;

/** A `RequestDecoder`'s limit. */
export interface RequestDecoderOptions {
  /** The most bytes one request may take, headers and body. Default 64 KiB. */
  readonly maxLength?: number;
}

/** Receives each request decoded from a stream, with its length in bytes. */
export type RequestSink = (request: GroupWiseRequest, bytes: number) => void;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

interface RawField {
  tag: string;
  cmd: string | undefined;
  val: string;
  type: string | undefined;
}

function rawFields(body: string): RawField[] {
  if (body === '') return [];
  if (!body.startsWith('&')) throw new GroupWiseProtocolError('bad-field', 'a request body must begin with &');
  const fields: RawField[] = [];
  let current: RawField | undefined;
  for (const token of body.slice(1).split('&')) {
    const eq = token.indexOf('=');
    const key = (eq < 0 ? token : token.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : token.slice(eq + 1);
    if (key === 'tag') {
      current = { tag: value, cmd: undefined, val: '', type: undefined };
      fields.push(current);
    } else if (current === undefined) {
      throw new GroupWiseProtocolError('bad-field', 'a request body must begin with a tag');
    } else if (key === 'cmd') current.cmd = value;
    else if (key === 'val') current.val = value;
    else if (key === 'type') current.type = value;
    // Any other key is not the protocol's: ignored.
  }
  return fields;
}

function decimal(text: string, what: string): number {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) throw new GroupWiseProtocolError('bad-value', `${what} is not a decimal number`);
  const n = Number(trimmed);
  if (n > 0xffff_ffff) throw new GroupWiseProtocolError('bad-value', `${what} is over u32`);
  return n;
}

function buildFields(raw: readonly RawField[]): GroupWiseField[] {
  let at = 0;
  const one = (depth: number): GroupWiseField => {
    if (depth > MAX_DEPTH) throw new GroupWiseProtocolError('too-deep', `arrays nest deeper than ${MAX_DEPTH}`);
    const r = raw[at++];
    if (r === undefined)
      throw new GroupWiseProtocolError('bad-field', 'an array names more children than the body holds');
    const tag = latin1.decode(urlUnescape(r.tag));
    if (tag === '') throw new GroupWiseProtocolError('bad-field', `field ${at} has an empty tag`);
    const method = r.cmd === undefined || r.cmd === '' ? 0 : methodOfChar(r.cmd);
    if (method === undefined)
      throw new GroupWiseProtocolError(
        'bad-value',
        `field ${tag}: method ${JSON.stringify((r.cmd ?? '').slice(0, 4))} is not 0-9 or A-G`,
      );
    const type = r.type === undefined || r.type === '' ? FieldType.utf8 : decimal(r.type, `field ${tag}'s type`);
    if (!isFieldType(type)) throw new GroupWiseProtocolError('unknown-type', `field ${tag}: type ${type} is not 1-13`);
    if (isArrayType(type)) {
      const count = decimal(r.val, `field ${tag}'s child count`);
      if (count > raw.length - at)
        throw new GroupWiseProtocolError(
          'bad-field',
          `field ${tag} names ${count} children, ${raw.length - at} follow`,
        );
      const children: GroupWiseField[] = [];
      for (let i = 0; i < count; i++) children.push(one(depth + 1));
      return { tag, method, type, value: children };
    }
    if (isNumberType(type)) return { tag, method, type, value: decimal(r.val, `field ${tag}'s value`) };
    const bytes = urlUnescape(r.val);
    if (isTextType(type)) return { tag, method, type, value: utf8.decode(bytes) };
    return { tag, method, type: FieldType.binary, value: Uint8Array.from(bytes) };
  };
  const fields: GroupWiseField[] = [];
  while (at < raw.length) fields.push(one(0));
  return fields;
}

/** How far a decoder has looked into an unfinished request: the header's scan, then where the body starts. */
export interface RequestScan {
  /** Bytes searched for the header's end without finding it. */
  header: number;
  /** Where the body starts, once the header's end is found (0 before). */
  body: number;
  /** Bytes of the body searched for its line end without finding it. */
  bodyScanned: number;
}

/** A scan of a request not yet looked at. */
export function freshScan(): RequestScan {
  return { header: 0, body: 0, bodyScanned: 0 };
}

/**
 * Reads one request from the start of `bytes`, or undefined when more bytes are needed. Liberal:
 * LF line ends as well as CRLF, any case in the method, header names and `%XX`, headers it does
 * not know, keys other than tag/cmd/val/type, a missing method (valid) or type (UTF-8).
 */
export function decodeRequestAt(
  bytes: Uint8Array,
  scanned: RequestScan = freshScan(),
): { request: GroupWiseRequest; length: number } | undefined {
  // Where earlier calls on the same growing bytes stopped: each byte is scanned for line ends once.
  let end = scanned.body;
  if (end === 0) {
    end = headerEnd(bytes, Math.max(0, scanned.header - 2));
    if (end < 0) {
      scanned.header = bytes.length;
      return undefined;
    }
    scanned.body = end;
    scanned.bodyScanned = end;
  }
  let bodyEnd = scanned.bodyScanned;
  while (bodyEnd < bytes.length && bytes[bodyEnd] !== 0x0a) bodyEnd++;
  if (bodyEnd >= bytes.length) {
    scanned.bodyScanned = bodyEnd;
    return undefined;
  }
  const lines = latin1.decode(bytes.subarray(0, end)).split(/\r?\n/);
  const start = /^POST \/([A-Za-z0-9]{1,32}) HTTP\/1\.[01]$/i.exec(lines[0]!.trim());
  if (start === null) throw new GroupWiseProtocolError('bad-start', 'the request line is not POST /<command> HTTP/1.x');
  let host: string | undefined;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === 'host') host = line.slice(colon + 1).trim();
  }
  let body = latin1.decode(bytes.subarray(end, bodyEnd));
  if (body.endsWith('\r')) body = body.slice(0, -1);
  const fields = buildFields(rawFields(body));
  const command = start[1]!.toLowerCase();
  return { request: host === undefined ? { command, fields } : { command, host, fields }, length: bodyEnd + 1 };
}

/**
 * The server's decoder: requests out of a byte stream, in chunks of any size. It holds at most
 * `maxLength` bytes of an unfinished request; more, and it throws `too-large`. Anything malformed
 * throws `GroupWiseProtocolError`; the connection is then beyond repair.
 */
export class RequestDecoder {
  readonly #buffer: StreamBuffer;
  #scan: RequestScan = freshScan();

  constructor(options: RequestDecoderOptions = {}) {
    this.#buffer = new StreamBuffer(options.maxLength ?? DEFAULT_MAX_REQUEST_LENGTH);
  }

  /** Bytes held for a request not yet complete. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Takes the next bytes of the stream; `sink` gets every request they complete. */
  push(chunk: Uint8Array, sink: RequestSink): void {
    const buffer = this.#buffer;
    buffer.append(chunk);
    for (;;) {
      const decoded = decodeRequestAt(buffer.view(), this.#scan);
      if (decoded === undefined) {
        buffer.checkLimit('a request');
        return;
      }
      if (decoded.length > buffer.maxLength)
        throw new GroupWiseProtocolError(
          'too-large',
          `a request of ${decoded.length} bytes is over ${buffer.maxLength}`,
        );
      buffer.consume(decoded.length);
      this.#scan = freshScan();
      sink(decoded.request, decoded.length);
    }
  }
}

/** Decodes every request in `bytes`; throws `truncated` if the last one is unfinished. */
export function decodeRequests(bytes: Uint8Array, maxLength = DEFAULT_MAX_REQUEST_LENGTH): GroupWiseRequest[] {
  const decoder = new RequestDecoder({ maxLength });
  const out: GroupWiseRequest[] = [];
  decoder.push(bytes, (request) => out.push(request));
  if (decoder.buffered > 0)
    throw new GroupWiseProtocolError('truncated', `${decoder.buffered} bytes of an unfinished request`);
  return out;
}
