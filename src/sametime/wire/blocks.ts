import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** A user-status block: SET_USER_STATUS's body, and the last part of LOGIN_ACK. */
export interface UserStatusBlock {
  /** A `StatusCode`, possibly or-ed with `MOBILE_STATUS_FLAG`. */
  readonly status: number;
  /** When the status was set, in seconds (u32). */
  readonly time: number;
  /** The status message the user set ("In a meeting"), empty when none. */
  readonly description: string;
}

/** The login-info block of LOGIN_ACK: who the server logged in, and as what. */
export interface LoginInfoBlock {
  /** The server's id for this login (this library: the session's dedicated connection id). */
  readonly loginId: string;
  /** The kind of client logged in (a `LoginType`). */
  readonly loginType: number;
  /** The user's id as the server knows it. */
  readonly userId: string;
  /** The user's display name. */
  readonly userName: string;
  /** The Sametime community the user belongs to. */
  readonly community: string;
  /** Present when the block's `full` boolean is set. */
  readonly full?: {
    /** The server's description of the login. */
    readonly description: string;
    /** An IPv4 address, as a u32 (the simulated server sends 0). */
    readonly address: number;
    /** The id of the server holding the login. */
    readonly serverId: string;
  };
}

/** One entry of a privacy block; `name` is present when the entry's `full` boolean is set. */
export interface PrivacyEntry {
  /** The user or group id the entry names. */
  readonly id: string;
  /** The community of that user or group. */
  readonly community: string;
  /** Their display name, when the entry is full. */
  readonly name?: string;
}

/** The privacy block of LOGIN_ACK: who may (or may not, when `deny`) see the user. */
export interface PrivacyBlock {
  /** True: the listed users may not see the user; false: only they may. */
  readonly deny: boolean;
  /** The users and groups the list names. */
  readonly users: readonly PrivacyEntry[];
}

/** The fewest bytes one privacy entry takes: boolean full, two empty strings. */
const MIN_PRIVACY_ENTRY_BYTES = 5;

export function writeUserStatus(w: WireWriter, block: UserStatusBlock): void {
  w.u16(block.status).u32(block.time).string(block.description);
}

export function readUserStatus(r: WireReader): UserStatusBlock {
  const status = r.u16();
  const time = r.u32();
  const description = r.string();
  return { status, time, description };
}

export function writeLoginInfo(w: WireWriter, block: LoginInfoBlock): void {
  w.string(block.loginId).u16(block.loginType).string(block.userId).string(block.userName).string(block.community);
  const full = block.full;
  w.boolean(full !== undefined);
  if (full !== undefined) w.string(full.description).u32(full.address).string(full.serverId);
}

export function readLoginInfo(r: WireReader): LoginInfoBlock {
  const loginId = r.string();
  const loginType = r.u16();
  const userId = r.string();
  const userName = r.string();
  const community = r.string();
  if (!r.boolean()) return { loginId, loginType, userId, userName, community };
  const description = r.string();
  const address = r.u32();
  const serverId = r.string();
  return { loginId, loginType, userId, userName, community, full: { description, address, serverId } };
}

export function writePrivacy(w: WireWriter, block: PrivacyBlock): void {
  w.boolean(block.deny).u32(block.users.length);
  for (const entry of block.users) {
    w.boolean(entry.name !== undefined)
      .string(entry.id)
      .string(entry.community);
    if (entry.name !== undefined) w.string(entry.name);
  }
}

export function readPrivacy(r: WireReader): PrivacyBlock {
  const deny = r.boolean();
  const count = r.u32();
  // A count the remaining bytes cannot hold is rejected before anything is allocated for it.
  if (count > r.remaining / MIN_PRIVACY_ENTRY_BYTES) {
    r.bytes(count * MIN_PRIVACY_ENTRY_BYTES, `privacy block of ${count} entries`);
  }
  const users: PrivacyEntry[] = [];
  for (let i = 0; i < count; i++) {
    const full = r.boolean();
    const id = r.string();
    const community = r.string();
    users.push(full ? { id, community, name: r.string() } : { id, community });
  }
  return { deny, users };
}
