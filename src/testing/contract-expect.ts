/**
 * The contract suites' own assertions, so that they need no test framework: the few matchers they
 * use, with vitest's meaning. A failed check throws a `ContractAssertionError` carrying `actual` and
 * `expected`, which vitest, Jest and `node:test` all report (vitest and node:test with a diff).
 */
export class ContractAssertionError extends Error {
  /** Always `ContractAssertionError`. */
  override readonly name = 'ContractAssertionError';
  /** The value the check was given. */
  readonly actual: unknown;
  /** The value the check expected. */
  readonly expected: unknown;

  constructor(message: string, actual: unknown, expected: unknown) {
    super(message);
    this.actual = actual;
    this.expected = expected;
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** vitest's `toEqual`: recursive, properties holding `undefined` count as absent. */
function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (isPlainRecord(a) && isPlainRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!equal(a[key], b[key])) return false;
    return true;
  }
  return false;
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return value.name === '' ? 'a function' : value.name;
  if (value instanceof Promise) return 'a Promise';
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The checks one value can be put to; `label` says what the value is, in the failure message. */
export interface ContractExpectation {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeUndefined(): void;
  toBeDefined(): void;
  toBeInstanceOf(type: abstract new (...args: never[]) => unknown): void;
  toBeGreaterThanOrEqual(bound: number): void;
  toBeLessThanOrEqual(bound: number): void;
  toHaveLength(length: number): void;
}

function check(ok: boolean, label: string | undefined, claim: string, actual: unknown, expected: unknown): void {
  if (ok) return;
  const prefix = label === undefined ? '' : `${label}: `;
  throw new ContractAssertionError(`${prefix}expected ${show(actual)} ${claim}`, actual, expected);
}

export function expect(actual: unknown, label?: string): ContractExpectation {
  return {
    toBe: (expected) => check(Object.is(actual, expected), label, `to be ${show(expected)}`, actual, expected),
    toEqual: (expected) => check(equal(actual, expected), label, `to equal ${show(expected)}`, actual, expected),
    toBeUndefined: () => check(actual === undefined, label, 'to be undefined', actual, undefined),
    toBeDefined: () => check(actual !== undefined, label, 'to be defined', actual, 'anything but undefined'),
    toBeInstanceOf: (type) =>
      check(actual instanceof type, label, `to be an instance of ${type.name}`, actual, type.name),
    toBeGreaterThanOrEqual: (bound) =>
      check(typeof actual === 'number' && actual >= bound, label, `to be >= ${bound}`, actual, bound),
    toBeLessThanOrEqual: (bound) =>
      check(typeof actual === 'number' && actual <= bound, label, `to be <= ${bound}`, actual, bound),
    toHaveLength: (length) => {
      const actualLength = (actual as { length?: unknown } | null | undefined)?.length;
      check(actualLength === length, label, `to have length ${length}, not ${String(actualLength)}`, actual, length);
    },
  };
}

/** Fails the case at once with `message`. */
export function fail(message: string): never {
  throw new ContractAssertionError(message, undefined, undefined);
}
