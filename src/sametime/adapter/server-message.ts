import type { SametimeMessage } from '../wire/message.js';
import { MessageType } from '../wire/message-type.js';

/** What a Sametime server says to a user on a live session, besides closing it. */
export type SametimeServerMessage =
  /** An administrator's broadcast (ADMIN). */
  | {
      /** An ADMIN message. */
      readonly kind: 'admin';
      /** The administrator's text. */
      readonly text: string;
    }
  /** A user's announcement (ANNOUNCE), with the sender's user id when the server names one. */
  | {
      /** An ANNOUNCE message. */
      readonly kind: 'announce';
      /** The announcement's text. */
      readonly text: string;
      /** The sender's user id, when the server names one. */
      readonly from?: string;
      /** Whether the recipients may reply. */
      readonly mayReply: boolean;
    };

/** Receives the server messages of one session, in order. Must not throw. */
export type ServerMessageListener = (message: SametimeServerMessage) => void;

/** The message a user should see, for ADMIN and ANNOUNCE; `undefined` for everything else. */
export function serverMessageOf(m: SametimeMessage): SametimeServerMessage | undefined {
  if (m.type === 'ADMIN') return { kind: 'admin', text: m.text };
  if (m.type !== 'ANNOUNCE') return undefined;
  const from = m.sender?.userId;
  return from === undefined
    ? { kind: 'announce', text: m.text, mayReply: m.mayReply }
    : { kind: 'announce', text: m.text, from, mayReply: m.mayReply };
}

/**
 * Messages a peer may send at any time without answering anything: type codes not in the table,
 * SENSE_SERVICE, ADMIN, ANNOUNCE, HANDSHAKE_SYN. A reader skips them (and traces them) rather than
 * failing the connection.
 */
export function isUnsolicited(m: SametimeMessage): boolean {
  return (
    m.type === 'unknown' ||
    m.type === 'SENSE_SERVICE' ||
    m.type === 'ADMIN' ||
    m.type === 'ANNOUNCE' ||
    (m.type === 'opaque' && m.code === MessageType.HANDSHAKE_SYN)
  );
}
