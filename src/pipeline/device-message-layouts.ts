import { FrameKind } from '../crypto/frame-kind.js';

/**
 * The everyday device message bodies written and read without `JSON.stringify` and `JSON.parse`,
 * which cost about half a microsecond each on a body of unique strings (a session id, a user id)
 * where the rest of a message's handling costs less. Each layout is one body's keys in the order
 * the BES writes them, and the bytes are exactly what `JSON.stringify` makes of such a body: text
 * with nothing to escape, whole numbers. A body's text is matched against its layout's pattern,
 * one regular expression compiled to machine code, several times faster than reading it a field
 * at a time. Anything else (a character JSON escapes, other keys or another order, spaces, a
 * fraction) is left to JSON, so nothing a device can send is read differently
 * (test/pipeline/device-message-layouts.test.ts holds them to that).
 */

/** A field of a layout: its key, and whether its value is a whole number rather than text. */
interface Field {
  readonly key: string;
  readonly number: boolean;
}

/** One body's keys in order, how its text is matched, and how a body of them is built. */
interface Layout {
  readonly fields: readonly Field[];
  /** What comes before each value (`{"key":` for the first field, `,"key":` for the others). */
  readonly openings: readonly string[];
  /** The whole text of such a body as JSON writes it, each value a capture. */
  readonly read: RegExp;
  /**
   * The body of a match of `read` (its captures from index 1, one per field): an object literal of
   * the layout's keys, so every body read has one shape.
   */
  readonly build: (match: readonly string[]) => Record<string, unknown>;
}

/** Text JSON writes as it is, a capture: no quote, backslash or control character. */
const READ_TEXT = String.raw`"([^"\\\x00-\x1f]*)"`;
/** A whole number as JSON writes one: no sign, no leading zero, no fraction, no exponent. */
const WHOLE_NUMBER = '(0|[1-9][0-9]*)';

/**
 * A layout of `keys`, in that order, whose bodies `build` makes; a key ending in `#` holds a whole
 * number (the `#` is not part of it). `build` must give back an object of exactly those keys in
 * that order, which is checked here, once.
 */
function layout(build: Layout['build'], ...keys: string[]): Layout {
  const fields = keys.map((name) => {
    const number = name.endsWith('#');
    return { key: number ? name.slice(0, -1) : name, number };
  });
  const openings = fields.map(({ key }, i) => `${i === 0 ? '{' : ','}"${key}":`);
  const patterns = fields.map((f, i) => openings[i]!.replace('{', '\\{') + (f.number ? WHOLE_NUMBER : READ_TEXT));
  const read = new RegExp(`^${fields.length === 0 ? '\\{' : ''}${patterns.join('')}\\}$`);
  const built = Object.keys(build(['', ...fields.map(() => '0')]));
  if (built.join() !== fields.map((f) => f.key).join())
    throw new Error(`a device message layout builds {${built.join()}}, not {${fields.map((f) => f.key).join()}}`);
  return { fields, openings, read, build };
}

const LAYOUTS: Readonly<Record<number, readonly Layout[]>> = {
  [FrameKind.loginRequest]: [
    layout((v) => ({ userId: v[1], password: v[2], client: v[3] }), 'userId', 'password', 'client'),
  ],
  [FrameKind.loginReply]: [
    layout((v) => ({ status: v[1], sessionId: v[2] }), 'status', 'sessionId'),
    layout((v) => ({ status: v[1], reason: v[2] }), 'status', 'reason'),
    layout((v) => ({ status: v[1], reason: v[2], reasonCode: Number(v[3]) }), 'status', 'reason', 'reasonCode#'),
    layout((v) => ({ status: v[1] }), 'status'),
  ],
  [FrameKind.statusUpdate]: [layout((v) => ({ presence: v[1] }), 'presence')],
  [FrameKind.statusReply]: [
    layout((v) => ({ status: v[1] }), 'status'),
    layout((v) => ({ status: v[1], reason: v[2] }), 'status', 'reason'),
  ],
  [FrameKind.logout]: [layout(() => ({}))],
  [FrameKind.logoutReply]: [
    layout((v) => ({ status: v[1] }), 'status'),
    layout((v) => ({ status: v[1], reason: v[2] }), 'status', 'reason'),
  ],
};

/**
 * The layout whose keys are `body`'s own keys, in their order; undefined if none is, or if `body`
 * is not a plain object (an array, or one whose prototype might give it a `toJSON`).
 */
function layoutOf(kind: number, body: object): Layout | undefined {
  if (Object.getPrototypeOf(body) !== Object.prototype) return undefined;
  const keys = Object.keys(body);
  for (const layout of LAYOUTS[kind] ?? []) {
    const { fields } = layout;
    if (fields.length !== keys.length) continue;
    let same = true;
    for (let i = 0; i < keys.length && same; i++) same = fields[i]!.key === keys[i];
    if (same) return layout;
  }
  return undefined;
}

/** Whether `value` is a plain object whose own keys, in their order, are one of `kind`'s everyday layouts. */
export function hasEverydayKeys(kind: number, value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && layoutOf(kind, value) !== undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

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
  const { fields, openings } = layout;
  if (fields.length === 0) return writeAscii('{}', out, 0);
  let at = 0;
  for (let i = 0; i < fields.length; i++) {
    const { key, number } = fields[i]!;
    const value = values[key];
    at = writeAscii(openings[i]!, out, at);
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
    if (layout.fields.length === 0) {
      if (text === '{}') return layout.build(['{}']);
      continue;
    }
    const match = layout.read.exec(text);
    if (match !== null) return layout.build(match);
  }
  return undefined;
}
