import { ConfigError } from './config-error.js';

/** What a numeric constructor option may be. */
export interface NumericOptionRule {
  /** The smallest value allowed. */
  readonly min: number;
  /** The largest finite value allowed. Default: `Number.MAX_SAFE_INTEGER`. */
  readonly max?: number;
  /** Whether a fraction is allowed. Default: whole numbers only. */
  readonly fraction?: boolean;
  /** Whether `Infinity` is allowed (meaning "no limit"). Default: no. */
  readonly infinite?: boolean;
}

/**
 * Checks one numeric option of a public constructor: NaN, a fraction where a whole number is meant,
 * a value out of range or a non-number throws a `ConfigError` naming the option (`fields: [name]`).
 */
export function numericOption(owner: string, name: string, value: unknown, rule: NumericOptionRule): number {
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  if (typeof value === 'number') {
    if (value === Number.POSITIVE_INFINITY && rule.infinite === true) return value;
    const whole = rule.fraction === true || Number.isInteger(value);
    if (Number.isFinite(value) && whole && value >= rule.min && value <= max) return value;
  }
  const kind = rule.fraction === true ? 'a number' : 'a whole number';
  const range = `from ${rule.min} to ${max}${rule.infinite === true ? ' or Infinity' : ''}`;
  const got = typeof value === 'number' ? String(value) : typeof value;
  throw new ConfigError(`${name} must be ${kind} ${range}, got ${got} (${owner})`, [name]);
}

/** `numericOption` for an option that may be left out. */
export function optionalNumericOption(
  owner: string,
  name: string,
  value: unknown,
  rule: NumericOptionRule,
): number | undefined {
  return value === undefined ? undefined : numericOption(owner, name, value, rule);
}
