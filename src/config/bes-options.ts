import { MAX_SEED_LENGTH, type Seed } from '../random/seeded-random.js';
import { ConfigError } from './config-error.js';

/** A finite number or a string of at most `MAX_SEED_LENGTH` characters; anything else is a `ConfigError` naming `seed`. */
export function checkSeed(seed: unknown): Seed {
  if (typeof seed === 'number' && Number.isFinite(seed)) return seed;
  if (typeof seed === 'string' && seed.length <= MAX_SEED_LENGTH) return seed;
  const got =
    typeof seed === 'number'
      ? String(seed)
      : typeof seed === 'string'
        ? `a string of ${seed.length} characters`
        : seed === null
          ? 'null'
          : typeof seed;
  throw new ConfigError(
    `invalid BES options: seed must be a finite number or a string of at most ${MAX_SEED_LENGTH} characters, got ${got}`,
    ['seed'],
  );
}

/**
 * The options' own properties only, in an object with no prototype: an option left out stays
 * left out even when something has planted that name on `Object.prototype`.
 */
export function ownOptions<T extends object>(options: T | undefined): T {
  const own = Object.create(null) as T;
  return typeof options === 'object' && options !== null ? Object.assign(own, options) : own;
}
