import { BesError } from '../errors.js';

/** A configuration or scenario that does not validate. The message names every offending field. */
export class ConfigError extends BesError {
  override readonly name = 'ConfigError';
  /** Always `invalid-config`. */
  readonly code = 'invalid-config';
  /** The offending fields, as dotted paths from what was passed: `config.sametime.port`, `users.2.userId`, `scenario.users.count`. */
  readonly fields: readonly string[];

  constructor(message: string, fields: readonly string[]) {
    super(message);
    this.fields = fields;
  }
}
