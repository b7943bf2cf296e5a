import { GroupWiseProtocolError } from './protocol-error.js';
import { LittleEndianWriter, type LittleEndianReader } from './binary-fields.js';
import { stringBytes } from './request.js';

/** Server event types (101-121) this model reads and writes. */
export const EventType = {
  /** Event 103: status change. */
  statusChange: 103,
  /** Event 114: user disconnect. */
  userDisconnect: 114,
  /** Event 115: server disconnect. */
  serverDisconnect: 115,
} as const;

/** The range of event types the protocol defines. */
export const FIRST_EVENT_TYPE = 101;
/** The last event type the protocol defines. */
export const LAST_EVENT_TYPE = 121;

/** What every event has. */
export interface EventHead {
  /** An event, not a reply. */
  readonly kind: 'event';
  /** The DN of the user the event is about (or from). */
  readonly source: string;
}

/** 103: a contact's status changed (`source` is the contact's DN). */
export interface StatusChangeEvent extends EventHead {
  /** `EventType.statusChange`. */
  readonly type: typeof EventType.statusChange;
  /** The contact's new status (`GroupWiseStatus`). */
  readonly status: number;
  /** The contact's status text. */
  readonly text: string;
}

/** 114: this user signed on from another location; the server ends this connection. */
export interface UserDisconnectEvent extends EventHead {
  /** `EventType.userDisconnect`. */
  readonly type: typeof EventType.userDisconnect;
}

/** 115: the server ends this connection. */
export interface ServerDisconnectEvent extends EventHead {
  /** `EventType.serverDisconnect`. */
  readonly type: typeof EventType.serverDisconnect;
}

/** Something the server sends on its own: not a reply, and not beginning with `HTTP`. */
export type GroupWiseEvent = StatusChangeEvent | UserDisconnectEvent | ServerDisconnectEvent;

/** Writes an event: u32 type, the source DN as text, then the type's data. */
export function encodeEvent(event: GroupWiseEvent): Uint8Array {
  const out = new LittleEndianWriter().u32(event.type).text(stringBytes('source', event.source));
  if (event.type === EventType.statusChange) {
    if (!Number.isInteger(event.status) || event.status < 0 || event.status > 0xffff)
      throw new GroupWiseProtocolError('bad-value', 'a status must be a u16');
    out.u16(event.status).text(stringBytes('status text', event.text));
  }
  return out.finish();
}

/** Reads one event from `reader`'s position (the caller knows it does not begin with `HTTP`). */
export function readEvent(reader: LittleEndianReader, limit: number): GroupWiseEvent {
  const at = reader.offset;
  const type = reader.u32();
  if (type < FIRST_EVENT_TYPE || type > LAST_EVENT_TYPE)
    throw new GroupWiseProtocolError('unknown-event', `event type ${type} at offset ${at} is outside 101-121`);
  const source = reader.text(limit, 'an event source');
  switch (type) {
    case EventType.statusChange: {
      const status = reader.u16();
      return { kind: 'event', type, source, status, text: reader.text(limit, 'a status text') };
    }
    case EventType.userDisconnect:
    case EventType.serverDisconnect:
      return { kind: 'event', type, source };
    default:
      throw new GroupWiseProtocolError('unknown-event', `event type ${type} carries data this model does not read`);
  }
}
