import {
  checkTag,
  FieldType,
  isArrayType,
  isNumberType,
  isTextType,
  MAX_FIELD_STRING_BYTES,
  methodChar,
  type GroupWiseField,
} from './field.js';
import { GroupWiseProtocolError } from './protocol-error.js';
import { urlEscape } from './url-escape.js';

/** A client request: `POST /<command> HTTP/1.0`, an optional `Host`, then its fields. */
export interface GroupWiseRequest {
  /** `login`, `ping`, `setstatus`, ... */
  readonly command: string;
  /** `<address>:<port>`, sent as the `Host` header (the `login` request carries it). */
  readonly host?: string;
  /** The fields, in order (the transaction id among them). */
  readonly fields: readonly GroupWiseField[];
}

const encoder = new TextEncoder();
/** Commands are short lowercase words; nothing else goes in a request line. */
const COMMAND = /^[a-z][a-z0-9]{0,31}$/;

/** The UTF-8 bytes of a text value, checked against the protocol's limit. */
export function stringBytes(tag: string, value: string): Uint8Array {
  const bytes = encoder.encode(value);
  if (bytes.length > MAX_FIELD_STRING_BYTES) {
    throw new GroupWiseProtocolError(
      'too-large',
      `field ${tag}: ${bytes.length} bytes is over the ${MAX_FIELD_STRING_BYTES}-byte limit`,
    );
  }
  return bytes;
}

function checkNumber(tag: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new GroupWiseProtocolError('bad-value', `field ${tag}: a number must be a u32`);
  }
}

function writeField(field: GroupWiseField, parts: string[], depth: number): void {
  checkTag(field.tag);
  if (depth > MAX_DEPTH) throw new GroupWiseProtocolError('too-deep', `arrays nest deeper than ${MAX_DEPTH}`);
  const method = methodChar(field.method);
  const head = `&tag=${urlEscape(encoder.encode(field.tag))}&cmd=${method}&val=`;
  const type = field.type;
  if (isArrayType(type) && Array.isArray(field.value)) {
    const children = field.value as readonly GroupWiseField[];
    parts.push(`${head}${children.length}&type=${type}`);
    for (const child of children) writeField(child, parts, depth + 1);
  } else if (isTextType(type) && typeof field.value === 'string') {
    parts.push(`${head}${urlEscape(stringBytes(field.tag, field.value))}&type=${type}`);
  } else if (isNumberType(type) && typeof field.value === 'number') {
    checkNumber(field.tag, field.value);
    parts.push(`${head}${field.value}&type=${type}`);
  } else if (type === FieldType.binary && field.value instanceof Uint8Array) {
    if (field.value.length > MAX_FIELD_STRING_BYTES)
      throw new GroupWiseProtocolError('too-large', `field ${field.tag}: binary over the limit`);
    parts.push(`${head}${urlEscape(field.value)}&type=${type}`);
  } else {
    throw new GroupWiseProtocolError('bad-value', `field ${field.tag}: its value does not fit type ${type}`);
  }
}

/** How deep arrays may nest, in requests and responses alike. */
export const MAX_DEPTH = 16;

/**
 * Writes a request as real clients do: the request line, `Host` when given, a blank line, then
 * every field as `&tag=..&cmd=..&val=..&type=..` and a closing CRLF. Strict: it refuses a command
 * that is not a lowercase word, a tag that is not printable ASCII, a string over 32,768 bytes, a
 * number outside u32 and a value that does not fit its type.
 */
export function encodeRequest(request: GroupWiseRequest): Uint8Array {
  if (!COMMAND.test(request.command))
    throw new GroupWiseProtocolError('bad-start', 'a command must be a lowercase word of at most 32 characters');
  const parts: string[] = [`POST /${request.command} HTTP/1.0\r\n`];
  if (request.host !== undefined) {
    if (!/^[\x21-\x7e]{1,255}$/.test(request.host))
      throw new GroupWiseProtocolError('bad-value', 'a Host header must be printable ASCII without spaces');
    parts.push(`Host: ${request.host}\r\n`);
  }
  parts.push('\r\n');
  for (const field of request.fields) writeField(field, parts, 0);
  parts.push('\r\n');
  return encoder.encode(parts.join(''));
}
