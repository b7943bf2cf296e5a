/**
 * Every error bes-collab throws is a `BesError`: a stable `code` to branch on, the hop that raised
 * it where there is one, and a message that never carries a password, key or plaintext bytes.
 */
export abstract class BesError extends Error {
  /** A stable, kebab-case name of what went wrong, to branch on (`invalid-config`, `replayed`, ...). */
  abstract readonly code: string;
  /** The hop of the login pipeline that raised the error, when there is one. */
  readonly hop: string | undefined;
  /** Set as a literal in every subclass, so that it survives a minifier renaming classes. */
  override readonly name: string = 'BesError';

  constructor(message: string, options: { hop?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hop = options.hop;
  }
}
