/** What a sealed frame carries, as a byte in its header. */
export const FrameKind = {
  loginRequest: 1,
  loginReply: 2,
  statusUpdate: 3,
  statusReply: 4,
  logout: 5,
  logoutReply: 6,
} as const;

export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

const known = new Set<number>(Object.values(FrameKind));

export function isFrameKind(value: number): value is FrameKind {
  return known.has(value);
}
