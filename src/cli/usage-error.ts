/** A mistake in the command line or the scenario file: reported as one message, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;

  override get name(): string {
    return 'UsageError';
  }
}
