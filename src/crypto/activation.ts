import nacl from 'tweetnacl';
import type { Random } from '../random/seeded-random.js';
import { TransportKey } from './transport-key.js';

/** BES blocks enterprise activation after more than five wrong activation passwords. */
export const MAX_WRONG_ACTIVATION_PASSWORDS = 5;

/** A device asking to be activated: its PIN, its user and the activation password it was given. */
export interface ActivationRequest {
  /** The device PIN, eight hex digits such as `2100000A`. */
  readonly pin: string;
  /** The user the device is activated for. */
  readonly userId: string;
  /** The activation password the user typed on the device. */
  readonly activationPassword: string;
}

/**
 * Why activation was refused: no such user, a wrong password, the PIN locked out after too many, or a
 * malformed PIN.
 */
export type ActivationFailure = 'unknown-user' | 'wrong-password' | 'locked-out' | 'bad-pin';

/** The transport keys both ends now hold, or why activation was refused and how many tries are left. */
export type ActivationResult =
  | {
      /** The activation succeeded. */
      readonly ok: true;
      /** The activated device's PIN. */
      readonly pin: string;
      /** The transport key the device holds. */
      readonly deviceKey: TransportKey;
      /** The same key as the BES holds it. */
      readonly serverKey: TransportKey;
    }
  | {
      /** The activation was refused. */
      readonly ok: false;
      /** Why. */
      readonly code: ActivationFailure;
      /** Wrong activation passwords the PIN may still send before it is locked out. */
      readonly attemptsLeft: number;
    };

/** Where `EnterpriseActivation` draws keys and looks activation passwords up. */
export interface EnterpriseActivationOptions {
  /** The generator keys are drawn from; each PIN gets its own fork, so order does not matter. */
  readonly random: Random;
  /** The activation password an administrator set for a user, or undefined for an unknown user. */
  readonly activationPasswordOf: (userId: string) => string | undefined;
}

const PIN = /^[0-9A-F]{8}$/;
const encoder = new TextEncoder();

function passwordsMatch(given: string, expected: string): boolean {
  return nacl.verify(nacl.hash(encoder.encode(given)), nacl.hash(encoder.encode(expected)));
}

/**
 * Enterprise activation: the device proves its user's activation password, and device and BES come
 * away holding the same transport key (drawn from the seeded generator for that PIN; activating the
 * same PIN again renews it). The router takes no part and never sees the key.
 */
export class EnterpriseActivation {
  readonly #random: Random;
  readonly #activationPasswordOf: (userId: string) => string | undefined;
  readonly #wrong = new Map<string, number>();
  readonly #generation = new Map<string, number>();

  constructor(options: EnterpriseActivationOptions) {
    this.#random = options.random;
    this.#activationPasswordOf = options.activationPasswordOf;
  }

  /**
   * Checks the activation password; when it matches, draws a new transport key for the PIN (renewing any
   * earlier one).
   */
  activate(request: ActivationRequest): ActivationResult {
    const { pin } = request;
    if (!PIN.test(pin)) return { ok: false, code: 'bad-pin', attemptsLeft: 0 };
    const wrong = this.#wrong.get(pin) ?? 0;
    const left = MAX_WRONG_ACTIVATION_PASSWORDS - wrong;
    if (wrong > MAX_WRONG_ACTIVATION_PASSWORDS) return { ok: false, code: 'locked-out', attemptsLeft: 0 };
    const expected = this.#activationPasswordOf(request.userId);
    if (expected === undefined) return { ok: false, code: 'unknown-user', attemptsLeft: left };
    if (!passwordsMatch(request.activationPassword, expected)) {
      this.#wrong.set(pin, wrong + 1);
      return wrong + 1 > MAX_WRONG_ACTIVATION_PASSWORDS
        ? { ok: false, code: 'locked-out', attemptsLeft: 0 }
        : { ok: false, code: 'wrong-password', attemptsLeft: left - 1 };
    }
    this.#wrong.delete(pin);
    const generation = (this.#generation.get(pin) ?? 0) + 1;
    this.#generation.set(pin, generation);
    const random = this.#random.fork(`activation/${pin}/${generation}`);
    const deviceKey = TransportKey.generate(random);
    // The BES derives its copy from the same draw: equal bytes, separate objects.
    const serverKey = TransportKey.generate(this.#random.fork(`activation/${pin}/${generation}`));
    return { ok: true, pin, deviceKey, serverKey };
  }
}
