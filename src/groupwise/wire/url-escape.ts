import { GroupWiseProtocolError } from './protocol-error.js';

const HEX = '0123456789abcdef';

function passes(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/**
 * Escapes a value's bytes as the protocol does: letters and digits pass, a space becomes `+`,
 * every other byte `%xx` in lowercase hex.
 */
export function urlEscape(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (passes(byte)) out += String.fromCharCode(byte);
    else if (byte === 0x20) out += '+';
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Reads an escaped value back to bytes, liberally: `+` is a space, `%xx` in either case is a byte,
 * any other ASCII character stands for itself. A `%` without two hex digits is `bad-field`.
 */
export function urlUnescape(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2b) out[n++] = 0x20;
    else if (code === 0x25) {
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
      if (high < 0 || low < 0)
        throw new GroupWiseProtocolError('bad-field', `a % at offset ${i} is not followed by two hex digits`);
      out[n++] = (high << 4) | low;
      i += 2;
    } else if (code > 0xff) {
      throw new GroupWiseProtocolError('bad-field', `a character at offset ${i} is not a byte`);
    } else out[n++] = code;
  }
  return out.subarray(0, n);
}
