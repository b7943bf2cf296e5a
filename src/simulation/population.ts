import type { BesUserInput } from '../bes-users.js';
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

/** The scenario's users; those not permitted to use the collaboration client are drawn at random. */
export function buildPopulation(scenario: Scenario, random: Random): Member[] {
  const count = scenario.users.count;
  const permitted = permittedUsers(scenario);
  // A partial Fisher-Yates shuffle: the first `count - permitted` positions are the ones refused.
  const order = Array.from({ length: count }, (_, i) => i);
  const refused = new Set<number>();
  for (let i = 0; i < count - permitted; i++) {
    const j = i + random.int(count - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
    refused.add(order[i]!);
  }
  return Array.from({ length: count }, (_, i) => ({
    n: i + 1,
    userId: `user${i + 1}`,
    password: `secret-${i + 1}`,
    pin: devicePin(i + 1),
    permitted: !refused.has(i),
  }));
}

/** The BES's user list for the population. */
export function besUsers(members: readonly Member[]): BesUserInput[] {
  return members.map((m) => ({ userId: m.userId, password: m.password, collaboration: m.permitted }));
}
