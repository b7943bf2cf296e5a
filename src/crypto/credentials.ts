/** A UTF-16 surrogate not part of a pair (in `u` mode a pair is one code point, outside this range). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Whether a user id or password is well-formed Unicode. One with a lone surrogate is refused before
 * any comparison: UTF-8 encoding would turn it into U+FFFD, and so into some other password.
 */
export function wellFormedCredential(text: string): boolean {
  return typeof text === 'string' && !LONE_SURROGATE.test(text);
}
