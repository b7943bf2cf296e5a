import { numericOption } from '../config/numeric-option.js';
import type { Random } from '../random/seeded-random.js';
import type { Clock } from '../time/clock.js';
import { WrongActivationCounters } from './activation-counters.js';
import { sameActivationPassword } from './activation-password.js';
import { wellFormedCredential } from './credentials.js';
import { TransportKey, transportKeyBytes } from './transport-key.js';

/** BES blocks a user's enterprise activation after more than five wrong activation passwords, on any PINs. */
export const MAX_WRONG_ACTIVATION_PASSWORDS = 5;

/** How long a user's wrong-password count lasts after the last wrong one, by default: a day. */
export const DEFAULT_ACTIVATION_LOCKOUT_MS = 24 * 60 * 60 * 1000;

/** How many users' wrong-password counts are held at most, by default. */
export const DEFAULT_ACTIVATION_COUNTER_LIMIT = 100_000;

/** The longest user id or activation password activation takes (the user list's limit), in UTF-16 units. */
export const MAX_CREDENTIAL_LENGTH = 256;

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
 * Why an activation was refused. `wrong-password` also answers a user id the directory does not
 * know, exactly as for a known one (same count, same work), so activation reveals nobody's existence.
 * `pin-in-use`: the password was right, but the PIN is activated for another user; that device keeps
 * its key and its session. `bad-credentials`: the user id or password is not well-formed Unicode
 * (a lone surrogate) or longer than `MAX_CREDENTIAL_LENGTH`, refused before any comparison and
 * counted nowhere.
 */
export type ActivationFailure = 'wrong-password' | 'locked-out' | 'bad-pin' | 'pin-in-use' | 'bad-credentials';

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
  /** The BES clock wrong-password counts expire on. Without one they expire only by `maxCounters`. */
  readonly clock?: Clock;
  /** A user's count (and so a lock-out) lapses this long after their last wrong password. Default: a day. */
  readonly lockoutMs?: number;
  /** At most this many users' counts are held; beyond it, the one idle longest is dropped. Default 100,000. */
  readonly maxCounters?: number;
}

const PIN = /^[0-9A-F]{8}$/;

function acceptableCredential(text: string): boolean {
  return wellFormedCredential(text) && text.length <= MAX_CREDENTIAL_LENGTH;
}

/** Compared for a user id the directory does not know, so that answering one costs the same work. */
const NOBODY_PASSWORD = 'no such user: this password is never the right one';

function passwordsMatch(given: string, expected: string | undefined): boolean {
  const same = sameActivationPassword(given, expected ?? NOBODY_PASSWORD);
  return same && expected !== undefined;
}

/**
 * Enterprise activation: the device proves its user's activation password, and device and BES come
 * away holding the same transport key (drawn from the seeded generator for that PIN; activating the
 * same PIN again renews it). A PIN belongs to the user who first activated it: another user's
 * activation of it is refused (`pin-in-use`). The router takes no part and never sees the key.
 */
export class EnterpriseActivation {
  readonly #random: Random;
  readonly #activationPasswordOf: (userId: string) => string | undefined;
  readonly #wrong: WrongActivationCounters;
  /** At most this many users' wrong-password counts are held. */
  readonly maxCounters: number;
  readonly #generation = new Map<string, number>();
  /** The user each activated PIN belongs to. */
  readonly #holder = new Map<string, string>();

  constructor(options: EnterpriseActivationOptions) {
    this.#random = options.random;
    this.#activationPasswordOf = options.activationPasswordOf;
    const owner = 'EnterpriseActivation';
    const lockoutMs = numericOption(owner, 'lockoutMs', options.lockoutMs ?? DEFAULT_ACTIVATION_LOCKOUT_MS, { min: 1 });
    this.maxCounters = numericOption(owner, 'maxCounters', options.maxCounters ?? DEFAULT_ACTIVATION_COUNTER_LIMIT, {
      min: 1,
    });
    this.#wrong = new WrongActivationCounters({ clock: options.clock, lockoutMs, maxCounters: this.maxCounters });
  }

  /** How many users' wrong-password counts are held now (expired ones are dropped first). */
  get countedUsers(): number {
    return this.#wrong.size;
  }

  /**
   * One activation attempt, checked in this order: the PIN's form (`bad-pin`), the credentials'
   * form (`bad-credentials`), the user's lock-out (`locked-out`), the password (`wrong-password`,
   * counted for the user id), then whether the PIN is another user's (`pin-in-use`); when all pass, draws a new
   * transport key for the PIN (renewing any earlier one).
   */
  activate(request: ActivationRequest): ActivationResult {
    const { pin, userId } = request;
    if (!PIN.test(pin)) return { ok: false, code: 'bad-pin', attemptsLeft: 0 };
    if (!acceptableCredential(userId) || !acceptableCredential(request.activationPassword)) {
      return { ok: false, code: 'bad-credentials', attemptsLeft: 0 };
    }
    // Counted per user, whichever PIN the guesses come from: rotating PINs buys no more guesses.
    const wrong = this.#wrong.count(userId);
    if (wrong > MAX_WRONG_ACTIVATION_PASSWORDS) return { ok: false, code: 'locked-out', attemptsLeft: 0 };
    if (!passwordsMatch(request.activationPassword, this.#activationPasswordOf(userId))) {
      const now = this.#wrong.addWrong(userId);
      return now > MAX_WRONG_ACTIVATION_PASSWORDS
        ? { ok: false, code: 'locked-out', attemptsLeft: 0 }
        : { ok: false, code: 'wrong-password', attemptsLeft: MAX_WRONG_ACTIVATION_PASSWORDS - now };
    }
    this.#wrong.clear(userId);
    // Checked only once the password is proven: without it, nobody learns whether a PIN is taken.
    const holder = this.#holder.get(pin);
    if (holder !== undefined && holder !== userId) {
      return { ok: false, code: 'pin-in-use', attemptsLeft: MAX_WRONG_ACTIVATION_PASSWORDS };
    }
    this.#holder.set(pin, userId);
    const generation = (this.#generation.get(pin) ?? 0) + 1;
    this.#generation.set(pin, generation);
    const random = this.#random.fork(`activation/${pin}/${generation}`);
    const deviceKey = TransportKey.generate(random);
    // The BES holds a copy of the same bytes: equal keys, separate objects, one draw.
    const serverKey = TransportKey.fromBytes(transportKeyBytes(deviceKey));
    return { ok: true, pin, deviceKey, serverKey };
  }
}
