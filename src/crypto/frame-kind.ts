/** What a sealed frame carries, as a byte in its header. */
export const FrameKind = {
  /** Device -> BES: a user's login (user id, password, client). */
  loginRequest: 1,
  /** BES -> device: the login's status. */
  loginReply: 2,
  /** Device -> BES: the availability the user set. */
  statusUpdate: 3,
  /** BES -> device: whether the status reached the IM server. */
  statusReply: 4,
  /** Device -> BES: the user logs out. */
  logout: 5,
  /** BES -> device: whether the logout closed a session. */
  logoutReply: 6,
} as const;

export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

const known = new Set<number>(Object.values(FrameKind));

export function isFrameKind(value: number): value is FrameKind {
  return known.has(value);
}
