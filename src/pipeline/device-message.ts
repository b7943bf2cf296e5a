import { z } from 'zod';
import { FrameKind } from '../crypto/frame-kind.js';
import { LOGIN_STATUSES } from './login-status.js';
import { PipelineError } from './pipeline-error.js';

/**
 * The device <-> BES messages (the model's stand-in for RIM's proprietary protocol): a small JSON
 * document per frame, its shape fixed by the frame kind and checked with zod on arrival.
 */
const shortText = z.string().max(256);

const presence = z.enum(['available', 'away', 'busy']);

export const deviceMessageSchemas = {
  [FrameKind.loginRequest]: z.strictObject({
    userId: shortText.min(1),
    password: shortText,
    client: shortText.min(1),
  }),
  [FrameKind.statusUpdate]: z.strictObject({ presence }),
  [FrameKind.logout]: z.strictObject({}),
  [FrameKind.loginReply]: z.strictObject({
    status: z.enum(LOGIN_STATUSES),
    sessionId: shortText.exactOptional(),
    reason: shortText.exactOptional(),
    reasonCode: z.number().int().min(0).max(0xffff_ffff).exactOptional(),
  }),
  [FrameKind.statusReply]: z.strictObject({
    status: z.enum(['ok', 'session-closed', 'no-session', 'failed']),
    reason: shortText.exactOptional(),
  }),
  [FrameKind.logoutReply]: z.strictObject({
    status: z.enum(['logged-out', 'session-closed', 'no-session', 'failed']),
    reason: shortText.exactOptional(),
  }),
  [FrameKind.sessionNotice]: z.strictObject({ reason: shortText }),
} as const;

type Schemas = typeof deviceMessageSchemas;
export type DeviceMessageKind = keyof Schemas;
export type DeviceMessageOf<K extends DeviceMessageKind> = z.infer<Schemas[K]>;

/** A decoded message with its kind, so handlers can switch on `kind`. */
export type DeviceMessage = {
  [K in DeviceMessageKind]: { readonly kind: K; readonly body: DeviceMessageOf<K> };
}[DeviceMessageKind];

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Builds a message of one kind, with its body checked by the compiler. */
export function deviceMessage<K extends DeviceMessageKind>(kind: K, body: DeviceMessageOf<K>): DeviceMessage {
  return { kind, body } as DeviceMessage;
}

/**
 * Messages are encoded into one reused buffer and copied out at their size: a quarter of what
 * `TextEncoder.encode` costs on a small string. Encoding is synchronous, so the buffer is never shared.
 */
const scratch = new Uint8Array(4 * 1024);

export function encodeDeviceMessage(message: DeviceMessage): Uint8Array {
  const json = JSON.stringify(message.body);
  const { read, written } = encoder.encodeInto(json, scratch);
  return read === json.length ? scratch.slice(0, written) : encoder.encode(json);
}

const names: Record<DeviceMessageKind, string> = {
  [FrameKind.loginRequest]: 'login-request',
  [FrameKind.loginReply]: 'login-reply',
  [FrameKind.statusUpdate]: 'status-update',
  [FrameKind.statusReply]: 'status-reply',
  [FrameKind.logout]: 'logout',
  [FrameKind.logoutReply]: 'logout-reply',
  [FrameKind.sessionNotice]: 'session-notice',
};

/** The message's name in traces: `login-request`, `login-reply`, ... */
export function messageName(kind: DeviceMessageKind): string {
  return names[kind];
}

/** Decodes and validates a payload for its frame kind; anything else is `PipelineError('malformed-message')`. */
export function decodeDeviceMessage(kind: number, payload: Uint8Array, hop: string): DeviceMessage {
  const schema = (deviceMessageSchemas as Record<number, z.ZodType | undefined>)[kind];
  if (schema === undefined) {
    throw new PipelineError('malformed-message', `frame kind ${kind} carries no device message`, { hop });
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch {
    throw new PipelineError('malformed-message', `the payload of a kind ${kind} frame is not a JSON document`, { hop });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(message)').join(', ');
    throw new PipelineError('malformed-message', `a kind ${kind} message is malformed at ${where}`, { hop });
  }
  return { kind, body: parsed.data } as DeviceMessage;
}
