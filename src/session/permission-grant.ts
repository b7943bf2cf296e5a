/** The collaboration clients one user may use, as the Configuration Database lists them. */
export interface PermissionGrant {
  /** The user the grant is for. */
  readonly userId: string;
  /** Collaboration clients / IM backends, e.g. `sametime`. */
  readonly clients: readonly string[];
}
