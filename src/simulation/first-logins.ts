import type { Random } from '../random/seeded-random.js';
import { exponential } from './exponential.js';

/** Devices a packed key can name: the low 24 bits of a key are the device. */
const DEVICE_BITS = 2 ** 24;
/** Time units a key can hold beside its device, exactly: keys stay below `Number.MAX_SAFE_INTEGER`. */
const TIME_UNITS = Math.floor(Number.MAX_SAFE_INTEGER / DEVICE_BITS);

/**
 * When each device first logs in, in time order: a user is offline for a while before the first
 * login (exponential, mean `offlineMs`), drawn for every device from one stream, in device order.
 * Devices whose first login falls at or after `endMs` never act. Keys pack (time, device) into one
 * number so a plain numeric sort orders them by time, then device: 8 bytes a device. A period too
 * long for whole milliseconds to fit beside 24 bits of device (over 149 hours) counts time in the
 * smallest unit that fits (59 ms for 366 days), so first logins there fall on that grid.
 */
export class FirstLogins {
  readonly #keys: Float64Array;
  readonly #endMs: number;
  /** Milliseconds in one unit of a key's time part. */
  readonly #unitMs: number;
  #next = 0;

  private constructor(keys: Float64Array, endMs: number, unitMs: number) {
    this.#keys = keys;
    this.#endMs = endMs;
    this.#unitMs = unitMs;
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
    if (count >= DEVICE_BITS) throw new RangeError(`at most ${DEVICE_BITS - 1} devices can be scheduled`);
    const unitMs = Math.max(1, Math.ceil(endMs / (TIME_UNITS - 1)));
    const keys = new Float64Array(count);
    const every = Math.max(1, Math.ceil(count / steps));
    let acting = 0;
    for (let n = 1; n <= count; n++) {
      if ((n - 1) % every === 0) await progress(n - 1);
      const at = exponential(random, offlineMs);
      if (at < endMs) keys[acting++] = Math.floor(at / unitMs) * DEVICE_BITS + n;
    }
    return new FirstLogins(keys.subarray(0, acting).sort(), endMs, unitMs);
  }

  /** Devices that act at all. */
  get acting(): number {
    return this.#keys.length;
  }

  /** The next device to act and when, or undefined when none is left. */
  next(): { readonly n: number; readonly at: number } | undefined {
    if (this.#next >= this.#keys.length) return undefined;
    const key = this.#keys[this.#next++]!;
    const units = Math.floor(key / DEVICE_BITS);
    const at = units * this.#unitMs;
    return at < this.#endMs ? { n: key - units * DEVICE_BITS, at } : undefined;
  }
}
