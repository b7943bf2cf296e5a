/**
 * Who may use which collaboration client: the Configuration Database's permission the
 * Collaboration Service checks before it connects to the IM server (step 4 of the seed).
 */
export interface PermissionStore {
  /** Whether the Configuration Database permits the user to use the collaboration client (`sametime`). */
  mayUse(userId: string, client: string): Promise<boolean>;
}
