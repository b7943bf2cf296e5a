import { FrameKind } from '../crypto/frame-kind.js';

/**
 * The everyday device message bodies written and read byte by byte, without `JSON.stringify` and
 * `JSON.parse`, which cost about half a microsecond each on a body of unique strings (a session
 * id, a user id) where the rest of a message's handling costs less. Each layout is one body's
 * keys in the order the BES writes them, and the bytes are exactly what `JSON.stringify` makes of
 * such a body: text with nothing to escape, whole numbers. Anything else (a character JSON
 * escapes, other keys or another order, spaces, a fraction) is left to JSON, so nothing a device
 * can send is read differently (test/pipeline/device-message-layouts.test.ts holds them to that).
 */

/** A field of a layout: its key, whether its value is a whole number rather than text, and what comes before the value. */
interface Field {
  readonly key: string;
  readonly number: boolean;
  /** `{"key":` for the first field, `,"key":` for the others. */
  readonly opening: string;
}

type Layout = readonly Field[];

/** A layout of `keys`, in that order; a key ending in `#` holds a whole number (the `#` is not part of it). */
function layout(...keys: string[]): Layout {
  return keys.map((name, i) => {
    const number = name.endsWith('#');
    const key = number ? name.slice(0, -1) : name;
    return { key, number, opening: `${i === 0 ? '{' : ','}"${key}":` };
  });
}

const LAYOUTS: Readonly<Record<number, readonly Layout[]>> = {
  [FrameKind.loginRequest]: [layout('userId', 'password', 'client')],
  [FrameKind.loginReply]: [
    layout('status', 'sessionId'),
    layout('status', 'reason'),
    layout('status', 'reason', 'reasonCode#'),
    layout('status'),
  ],
  [FrameKind.statusUpdate]: [layout('presence')],
  [FrameKind.statusReply]: [layout('status'), layout('status', 'reason')],
  [FrameKind.logout]: [layout()],
  [FrameKind.logoutReply]: [layout('status'), layout('status', 'reason')],
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The layout whose keys are `body`'s own keys, in their order; undefined if none is, or if `body`
 * is not a plain object (an array, or one whose prototype might give it a `toJSON`).
 */
function layoutOf(kind: number, body: object): Layout | undefined {
  if (Object.getPrototypeOf(body) !== Object.prototype) return undefined;
  const keys = Object.keys(body);
  for (const layout of LAYOUTS[kind] ?? []) {
    if (layout.length !== keys.length) continue;
    let same = true;
    for (let i = 0; i < keys.length && same; i++) same = layout[i]!.key === keys[i];
    if (same) return layout;
  }
  return undefined;
}

/** Whether `value` is a plain object whose own keys, in their order, are one of `kind`'s everyday layouts. */
export function hasEverydayKeys(kind: number, value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && layoutOf(kind, value) !== undefined;
}

/** Writes `value` at `at` as `JSON.stringify` would; -1 if it would escape a character or the room is short. */
function writeText(value: string, out: Uint8Array, at: number): number {
  if (at + value.length + 2 > out.length) return -1;
  out[at++] = QUOTE;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) return -1;
    out[at++] = c;
  }
  out[at++] = QUOTE;
  return at;
}

/** Writes the ASCII characters of `chars` at `at`; -1 if the room is short. */
function writeAscii(chars: string, out: Uint8Array, at: number): number {
  if (at + chars.length > out.length) return -1;
  for (let i = 0; i < chars.length; i++) out[at++] = chars.charCodeAt(i);
  return at;
}

/**
 * Writes `body` into `out` from 0 as the bytes of `JSON.stringify(body)`, if it is an everyday body
 * of its kind with nothing to escape. Returns the bytes written, or -1 to leave it to JSON.
 */
export function writeEverydayBody(kind: number, body: object, out: Uint8Array): number {
  const layout = layoutOf(kind, body);
  if (layout === undefined) return -1;
  const values = body as Record<string, unknown>;
  if (layout.length === 0) return writeAscii('{}', out, 0);
  let at = 0;
  for (const { key, number, opening } of layout) {
    const value = values[key];
    at = writeAscii(opening, out, at);
    if (at < 0) return -1;
    if (number) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return -1;
      at = writeAscii(String(value), out, at);
    } else {
      if (typeof value !== 'string') return -1;
      at = writeText(value, out, at);
    }
    if (at < 0) return -1;
  }
  return writeAscii('}', out, at);
}

/**
 * The body `JSON.parse(text)` gives, if `text` is an everyday body of its kind in exactly the form
 * `writeEverydayBody` writes; undefined to leave it to `JSON.parse`.
 */
export function readEverydayBody(kind: number, text: string): Record<string, unknown> | undefined {
  for (const layout of LAYOUTS[kind] ?? []) {
    const body = readLayout(layout, text);
    if (body !== undefined) return body;
  }
  return undefined;
}

function readLayout(layout: Layout, text: string): Record<string, unknown> | undefined {
  if (layout.length === 0) return text === '{}' ? {} : undefined;
  const body: Record<string, unknown> = {};
  let at = 0;
  for (let i = 0; i < layout.length; i++) {
    const { key, number, opening } = layout[i]!;
    if (!text.startsWith(opening, at)) return undefined;
    at += opening.length;
    if (number) {
      // A whole number as JSON writes one: no sign, no leading zero, no fraction, no exponent.
      const start = at;
      while (at < text.length && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) at++;
      if (at === start || (text.charCodeAt(start) === 0x30 && at - start > 1)) return undefined;
      body[key] = Number(text.slice(start, at));
    } else {
      if (text.charCodeAt(at) !== QUOTE) return undefined;
      const start = at + 1;
      const end = text.indexOf('"', start);
      if (end < 0) return undefined;
      for (let j = start; j < end; j++) {
        const c = text.charCodeAt(j);
        if (c < 0x20 || c === BACKSLASH) return undefined;
      }
      body[key] = text.slice(start, end);
      at = end + 1;
    }
  }
  return at === text.length - 1 && text.charCodeAt(at) === 0x7d ? body : undefined;
}
