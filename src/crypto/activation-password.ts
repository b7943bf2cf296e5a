/**
 * Whether the activation password a device sent is the one an administrator set, compared in time
 * that depends on the two lengths only, never on where they first differ (no early return), and
 * without hashing either: a million first activations need not run two million SHA-512s.
 * Both strings are well-formed (activation refuses lone surrogates first), so equal UTF-16 units
 * mean equal UTF-8 bytes.
 */
export function sameActivationPassword(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  const length = Math.max(given.length, expected.length);
  // Past the shorter string charCodeAt gives NaN, which `^` reads as 0: the lengths already differ.
  for (let i = 0; i < length; i++) difference |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}
