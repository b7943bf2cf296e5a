const UNDEFINED: Promise<undefined> = Promise.resolve(undefined);
const TRUE: Promise<boolean> = Promise.resolve(true);
const FALSE: Promise<boolean> = Promise.resolve(false);

/**
 * An in-memory store's answer, settled: for the answers that carry nothing of their own (none,
 * yes, no) the same promise every time, made once, where an `async` method would make one per
 * call (several per login). Anything else gets a promise of its own.
 */
export function storeAnswer<T>(value: T): Promise<T> {
  if (value === undefined) return UNDEFINED as Promise<T>;
  if (value === true) return TRUE as Promise<T>;
  if (value === false) return FALSE as Promise<T>;
  return Promise.resolve(value);
}
