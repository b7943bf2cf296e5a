import { createBes, type Bes, type CreateBesOptions } from '../../src/bes.js';
import type { Device } from '../../src/pipeline/device.js';
import type { TraceEvent } from '../../src/pipeline/trace.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { passwordOf, pinFor, USERS, userNamed } from '../support/users.js';

export { passwordOf, pinFor, USERS } from '../support/users.js';

export interface TestBes {
  readonly bes: Bes;
  readonly clock: VirtualClock;
  readonly events: TraceEvent[];
  /** Activates device n for a user. */
  activate(n: number, userId?: string): Device;
  /** Activates device n and logs its user in; fails the test unless accepted. */
  loggedIn(n: number, userId?: string): Promise<Device>;
}

export function testBes(options: Partial<CreateBesOptions> = {}): TestBes {
  const clock = new VirtualClock();
  const events: TraceEvent[] = [];
  const bes = createBes({ seed: 7, clock, users: USERS, observe: (event) => events.push(event), ...options });
  const activate = (n: number, userId = 'alice'): Device => {
    const result = bes.activateDevice({
      pin: pinFor(n),
      userId,
      activationPassword: userNamed(userId).activationPassword,
    });
    if (!result.ok) throw new Error(`activation of device ${n} failed: ${result.code}`);
    return result.device;
  };
  const loggedIn = async (n: number, userId = 'alice'): Promise<Device> => {
    const device = activate(n, userId);
    const reply = await device.login({ userId, password: passwordOf(userId) });
    if (reply.status !== 'accepted') throw new Error(`login of device ${n} was ${reply.status}`);
    return device;
  };
  return { bes, clock, events, activate, loggedIn };
}

/** The events of one hop doing one thing. */
export function eventsOf(events: readonly TraceEvent[], hop: TraceEvent['hop'], action?: string): TraceEvent[] {
  return events.filter((e) => e.hop === hop && (action === undefined || e.action === action));
}
