/** A mistake in the command line or the scenario file: reported as one message, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  /** Whether the usage text should follow the message (the command itself was not understood). */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? false;
  }

  override get name(): string {
    return 'UsageError';
  }
}
