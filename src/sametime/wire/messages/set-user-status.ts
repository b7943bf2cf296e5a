import { writeUserStatus, type UserStatusBlock } from '../blocks.js';
import type { MessageBase } from '../header.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/** Client -> server: the user's new status (u16 status, u32 time, string description). */
export interface SetUserStatus extends MessageBase, UserStatusBlock {
  /** Which message this is. */
  readonly type: 'SET_USER_STATUS';
}

export function writeSetUserStatus(w: WireWriter, m: SetUserStatus): void {
  writeUserStatus(w, m);
}

export function readSetUserStatus(r: WireReader, channel: number): SetUserStatus {
  const status = r.u16();
  const time = r.u32();
  const description = r.string();
  return { type: 'SET_USER_STATUS', channel, status, time, description };
}
