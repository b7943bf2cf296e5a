import type { Random } from '../random/seeded-random.js';
import { exponential } from './exponential.js';

/** Devices a packed key can name: the low 24 bits of a key are the device. */
const DEVICE_BITS = 2 ** 24;

/**
 * When each device first logs in, in time order: a user is offline for a while before the first
 * login (exponential, mean `offlineMs`), drawn for every device from one stream, in device order.
 * Devices whose first login falls at or after `endMs` never act. Keys pack (time, device) into one
 * number so a plain numeric sort orders them by time, then device: 8 bytes a device.
 */
export class FirstLogins {
  readonly #keys: Float64Array;
  readonly #endMs: number;
  #next = 0;

  private constructor(keys: Float64Array, endMs: number) {
    this.#keys = keys;
    this.#endMs = endMs;
  }

  /**
   * Draws every device's first login, calling `progress(devicesDrawn)` (and waiting for it) every
   * `count / steps` devices, so a caller can show how far it has got.
   */
  static async draw(
    count: number,
    offlineMs: number,
    endMs: number,
    random: Random,
    progress: (drawn: number) => unknown = () => undefined,
    steps = 100,
  ): Promise<FirstLogins> {
    if (count >= DEVICE_BITS || endMs * DEVICE_BITS >= Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`at most ${DEVICE_BITS - 1} devices and ${Math.floor(Number.MAX_SAFE_INTEGER / DEVICE_BITS)} ms can be scheduled`);
    }
    const keys = new Float64Array(count);
    const every = Math.max(1, Math.ceil(count / steps));
    let acting = 0;
    for (let n = 1; n <= count; n++) {
      if ((n - 1) % every === 0) await progress(n - 1);
      const at = exponential(random, offlineMs);
      if (at < endMs) keys[acting++] = at * DEVICE_BITS + n;
    }
    return new FirstLogins(keys.subarray(0, acting).sort(), endMs);
  }

  /** Devices that act at all. */
  get acting(): number {
    return this.#keys.length;
  }

  /** The next device to act and when, or undefined when none is left. */
  next(): { readonly n: number; readonly at: number } | undefined {
    if (this.#next >= this.#keys.length) return undefined;
    const key = this.#keys[this.#next++]!;
    const at = Math.floor(key / DEVICE_BITS);
    return at < this.#endMs ? { n: key - at * DEVICE_BITS, at } : undefined;
  }
}
