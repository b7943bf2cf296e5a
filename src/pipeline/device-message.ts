import { z } from 'zod';
import { FrameKind } from '../crypto/frame-kind.js';
import { frameCopy } from '../crypto/frame-slab.js';
import { hasEverydayKeys, readEverydayBody, writeEverydayBody } from './device-message-layouts.js';
import { LOGIN_STATUSES } from './login-status.js';
import { PipelineError } from './pipeline-error.js';

/**
 * The device <-> BES messages (the model's stand-in for RIM's proprietary protocol): a small JSON
 * document per frame, its shape fixed by the frame kind and checked with zod on arrival.
 */
const shortText = z.string().max(256);

const presence = z.enum(['available', 'away', 'busy']);

const STATUS_REPLY_STATUSES = ['ok', 'session-closed', 'no-session', 'failed'] as const;
const LOGOUT_REPLY_STATUSES = ['logged-out', 'session-closed', 'no-session', 'failed'] as const;

/** What each kind of device message must contain, checked when a frame of that kind arrives. */
export const deviceMessageSchemas = {
  /** A device's login: its user id, password and collaboration client. */
  [FrameKind.loginRequest]: z.strictObject({
    /** The user id to log in as. */
    userId: shortText.min(1),
    /** The user's IM password, sealed on the air and never logged. */
    password: shortText,
    /** The collaboration client logging in (`sametime`). */
    client: shortText.min(1),
  }),
  /** A device's availability update. */
  [FrameKind.statusUpdate]: z.strictObject({
    /** The availability the user set. */
    presence,
  }),
  /** A device's logout (no body). */
  [FrameKind.logout]: z.strictObject({}),
  /** The BES's answer to a login. */
  [FrameKind.loginReply]: z.strictObject({
    /** What the device shows (a `LoginStatus`). */
    status: z.enum(LOGIN_STATUSES),
    /** The session id, when accepted. */
    sessionId: shortText.exactOptional(),
    /** A short, stable reason for a status other than `accepted`. */
    reason: shortText.exactOptional(),
    /** The IM server's reason code, where it sent one. */
    reasonCode: z.number().int().min(0).max(0xffff_ffff).exactOptional(),
  }),
  /** The BES's answer to a status update. */
  [FrameKind.statusReply]: z.strictObject({
    /** Relayed, the session closed, no session, or failed. */
    status: z.enum(STATUS_REPLY_STATUSES),
    /** Why, for a status other than `ok`. */
    reason: shortText.exactOptional(),
  }),
  /** The BES's answer to a logout. */
  [FrameKind.logoutReply]: z.strictObject({
    /** Logged out, the session had already closed, no session, or failed. */
    status: z.enum(LOGOUT_REPLY_STATUSES),
    /** Why, for a status other than `logged-out`. */
    reason: shortText.exactOptional(),
  }),
} as const;

/** The schema of each device message kind, keyed by the kind's number on the air. */
export type Schemas = typeof deviceMessageSchemas;
/** The kind of a device message: its `FrameKind` number. */
export type DeviceMessageKind = keyof Schemas;
/** The body of a device message of kind `K`, as its schema parses it. */
export type DeviceMessageOf<K extends DeviceMessageKind> = z.infer<Schemas[K]>;

/** A decoded message with its kind, so handlers can switch on `kind`. */
export type DeviceMessage = {
  [K in DeviceMessageKind]: {
    /** What the message is (its frame kind). */
    readonly kind: K;
    /** Its content, as that kind's schema parses it. */
    readonly body: DeviceMessageOf<K>;
  };
}[DeviceMessageKind];

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Builds a message of one kind, with its body checked by the compiler. */
export function deviceMessage<K extends DeviceMessageKind>(kind: K, body: DeviceMessageOf<K>): DeviceMessage {
  return { kind, body } as DeviceMessage;
}

/**
 * Messages are encoded into one reused buffer and copied out at their size, into `frameCopy`: a
 * quarter of what `TextEncoder.encode` costs on a small string. The everyday bodies are written
 * there byte by byte (`writeEverydayBody`), the same bytes `JSON.stringify` would give. Encoding is
 * synchronous, so the buffer is never shared.
 */
const scratch = new Uint8Array(4 * 1024);

/** Serialises a message's body as the JSON payload of its frame (the frame's kind carries the kind). */
export function encodeDeviceMessage(message: DeviceMessage): Uint8Array {
  const payload = payloadToSeal(message);
  return payload.buffer === scratch.buffer ? frameCopy(payload) : payload;
}

/**
 * The payload `encodeDeviceMessage` gives, but in the encoder's own buffer when it fits there, so
 * valid only until the next message is encoded: for a link that seals it at once and keeps nothing
 * of it (the device links), it saves a copy per frame.
 */
export function payloadToSeal(message: DeviceMessage): Uint8Array {
  const everyday = writeEverydayBody(message.kind, message.body, scratch);
  if (everyday >= 0) return scratch.subarray(0, everyday);
  const json = JSON.stringify(message.body);
  const { read, written } = encoder.encodeInto(json, scratch);
  return read === json.length ? scratch.subarray(0, written) : encoder.encode(json);
}

const names: Record<DeviceMessageKind, string> = {
  [FrameKind.loginRequest]: 'login-request',
  [FrameKind.loginReply]: 'login-reply',
  [FrameKind.statusUpdate]: 'status-update',
  [FrameKind.statusReply]: 'status-reply',
  [FrameKind.logout]: 'logout',
  [FrameKind.logoutReply]: 'logout-reply',
};

const replyKinds: Partial<Record<DeviceMessageKind, DeviceMessageKind>> = {
  [FrameKind.loginRequest]: FrameKind.loginReply,
  [FrameKind.statusUpdate]: FrameKind.statusReply,
  [FrameKind.logout]: FrameKind.logoutReply,
};

/** The kind of reply a device request is answered with; undefined for a message that is itself a reply. */
export function replyKindOf(kind: DeviceMessageKind): DeviceMessageKind | undefined {
  return replyKinds[kind];
}

/** The message's name in traces: `login-request`, `login-reply`, ... */
export function messageName(kind: DeviceMessageKind): string {
  return names[kind];
}

function isShortText(value: unknown, min: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= 256;
}

const loginStatuses: ReadonlySet<unknown> = new Set(LOGIN_STATUSES);
const statusReplyStatuses: ReadonlySet<unknown> = new Set(STATUS_REPLY_STATUSES);
const logoutReplyStatuses: ReadonlySet<unknown> = new Set(LOGOUT_REPLY_STATUSES);

function isReasonCode(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

/** A reply of `statuses`, with its reason and the IM server's code where its layout has them. */
function isReply(body: Record<string, unknown>, statuses: ReadonlySet<unknown>): boolean {
  return (
    statuses.has(body['status']) &&
    (body['reason'] === undefined || isShortText(body['reason'], 0)) &&
    (body['reasonCode'] === undefined || isReasonCode(body['reasonCode']))
  );
}

/**
 * The bodies every login, logout and status message carries, refusals included (a Server Busy is
 * a fifth of a busy day's replies), recognised without zod (whose strict-object check costs about
 * half a microsecond a message): a body whose keys are an everyday layout of its kind
 * (`hasEverydayKeys`) passes if these values are right, and only if its schema accepts it too, as
 * the value zod would give back (test/pipeline/device-message-quick.test.ts holds the two to
 * that). Anything else goes to zod, which decides and names what is wrong.
 */
function hasEverydayValues(kind: number, body: Record<string, unknown>): boolean {
  switch (kind) {
    case FrameKind.loginRequest:
      return isShortText(body['userId'], 1) && isShortText(body['password'], 0) && isShortText(body['client'], 1);
    case FrameKind.loginReply:
      if (body['sessionId'] !== undefined) return body['status'] === 'accepted' && isShortText(body['sessionId'], 0);
      return isReply(body, loginStatuses);
    case FrameKind.statusUpdate:
      return body['presence'] === 'available' || body['presence'] === 'away' || body['presence'] === 'busy';
    case FrameKind.logout:
      return true;
    case FrameKind.logoutReply:
      return isReply(body, logoutReplyStatuses);
    case FrameKind.statusReply:
      return isReply(body, statusReplyStatuses);
    default:
      return false;
  }
}

/** Decodes and validates a payload for its frame kind; anything else is `PipelineError('malformed-message')`. */
export function decodeDeviceMessage(kind: number, payload: Uint8Array, hop: string): DeviceMessage {
  const schema = (deviceMessageSchemas as Record<number, z.ZodType | undefined>)[kind];
  if (schema === undefined) {
    throw new PipelineError('malformed-message', `frame kind ${kind} carries no device message`, { hop });
  }
  let json: unknown;
  // Read byte by byte, the body has an everyday layout's keys by construction.
  let everydayKeys = false;
  try {
    const text = decoder.decode(payload);
    const read = readEverydayBody(kind, text);
    everydayKeys = read !== undefined;
    json = read ?? JSON.parse(text);
  } catch {
    throw new PipelineError('malformed-message', `the payload of a kind ${kind} frame is not a JSON document`, { hop });
  }
  if ((everydayKeys || hasEverydayKeys(kind, json)) && hasEverydayValues(kind, json as Record<string, unknown>))
    return { kind, body: json } as DeviceMessage;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(message)').join(', ');
    throw new PipelineError('malformed-message', `a kind ${kind} message is malformed at ${where}`, { hop });
  }
  return { kind, body: parsed.data } as DeviceMessage;
}
