import type { BesDirectory, BesUser } from '../bes-users.js';
import type { Random } from '../random/seeded-random.js';
import type { Scenario } from './scenario.js';

/** One simulated user and the BlackBerry device they carry. */
export interface Member {
  /** 1-based position in the population. */
  readonly n: number;
  readonly userId: string;
  readonly password: string;
  /** The device PIN: device n is `0x21000000 + n` in hex, so device 1 is `21000001`. */
  readonly pin: string;
  readonly permitted: boolean;
}

/** Device n's PIN (n from 1): `21000001`, `21000002`, ... */
export function devicePin(n: number): string {
  return (0x21000000 + n).toString(16).toUpperCase();
}

/** How many of the scenario's users may use the collaboration client. */
export function permittedUsers(scenario: Scenario): number {
  return Math.round(scenario.users.count * scenario.users.permittedShare);
}

const USER_ID = /^user([1-9][0-9]{0,9})$/;

/**
 * The scenario's users, computed rather than held: user n is `user<n>` with password
 * `secret-<n>` on device `devicePin(n)`, and those refused the collaboration client are drawn at
 * random (Floyd's sampling: memory for the refused ones only). Nothing is kept per member, so a
 * population of millions costs only its refused set until its devices act; it is also the BES's
 * directory.
 */
export class Population implements BesDirectory {
  readonly count: number;
  readonly #refused = new Set<number>();

  constructor(scenario: Scenario, random: Random) {
    const count = scenario.users.count;
    this.count = count;
    const refused = count - permittedUsers(scenario);
    for (let j = count - refused + 1; j <= count; j++) {
      const pick = 1 + random.int(j);
      this.#refused.add(this.#refused.has(pick) ? j : pick);
    }
  }

  member(n: number): Member {
    return { n, userId: `user${n}`, password: `secret-${n}`, pin: devicePin(n), permitted: !this.#refused.has(n) };
  }

  /** The member whose device has this PIN, if any. */
  memberByPin(pin: string): Member | undefined {
    const n = Number.parseInt(pin, 16) - 0x21000000;
    return n >= 1 && n <= this.count && devicePin(n) === pin ? this.member(n) : undefined;
  }

  find(userId: string): BesUser | undefined {
    const match = USER_ID.exec(userId);
    const n = match === null ? 0 : Number(match[1]);
    if (n < 1 || n > this.count) return undefined;
    const member = this.member(n);
    return { userId: member.userId, password: member.password, collaboration: member.permitted };
  }
}
