/** Whether `value` is a plain data object (an object literal or a parsed JSON object), not a class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of plain data (objects and arrays, to any depth) holding only its own enumerable
 * properties, every object with a null prototype. Configuration read through it cannot pick up a
 * value planted on `Object.prototype`: a missing field stays missing. A key `__proto__` (as
 * `JSON.parse` makes) stays an ordinary key, for the schema to refuse. Anything else is returned as is.
 */
export function ownData<T>(value: T): T {
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    // A hole would read through to the prototype: it stays a hole's value, undefined.
    return Array.from({ length: items.length }, (_, i) =>
      Object.hasOwn(items, i) ? ownData(items[i]) : undefined,
    ) as T;
  }
  if (!isPlainObject(value)) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: ownData(value[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy as T;
}
