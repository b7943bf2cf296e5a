import type { Device } from '../pipeline/device.js';
import type { ImPresence } from '../pipeline/im-request.js';
import type { Random } from '../random/seeded-random.js';
import type { Clock } from '../time/clock.js';
import type { Member } from './population.js';
import type { Scenario } from './scenario.js';
import { exponential } from './exponential.js';
import type { Tally } from './tally.js';

const MINUTE = 60_000;

export interface DayContext {
  readonly clock: Clock;
  /** The end of the virtual period: nothing is started at or after it. */
  readonly endMs: number;
  readonly scenario: Scenario;
  readonly tally: Tally;
}

function presence(random: Random): ImPresence {
  const x = random.int(10);
  return x < 7 ? 'available' : x < 9 ? 'away' : 'busy';
}

/**
 * One user's period on the virtual clock: offline for a while, log in, and if accepted hold the
 * session (status messages, coverage lost and regained) until logging out or going silent, then
 * offline again. The device holds at most one sleeper at a time, and none past the period's end.
 */
export async function deviceDay(
  ctx: DayContext,
  member: Member,
  device: Device,
  random: Random,
  firstLoginAt: number,
): Promise<void> {
  const { clock, scenario, tally } = ctx;
  const { behaviour, users } = scenario;
  /** Sleeps until `at`; false (without sleeping) when `at` is at or past the period's end. */
  const until = async (at: number): Promise<boolean> => {
    if (at >= ctx.endMs) return false;
    const wait = at - clock.now();
    if (wait > 0) await clock.sleep(wait);
    return true;
  };

  /** The session after an accepted login, until it ends for the user; false when the period ends first. */
  const holdSession = async (): Promise<boolean> => {
    const sessionEnd = clock.now() + exponential(random, behaviour.sessionMinutes * MINUTE);
    const silent = random.float() < behaviour.silentShare;
    const lossMeanMs = behaviour.coverage.lossesPerHour > 0 ? (60 * MINUTE) / behaviour.coverage.lossesPerHour : 0;
    const statusEvery = Math.max(1, Math.round(behaviour.statusIntervalMinutes * MINUTE));
    let nextStatus = clock.now() + statusEvery;
    let nextLoss = lossMeanMs > 0 ? clock.now() + exponential(random, lossMeanMs) : Number.POSITIVE_INFINITY;
    for (;;) {
      const next = Math.min(sessionEnd, nextLoss, nextStatus);
      if (!(await until(next))) return false;
      if (next === sessionEnd) {
        // A silent device just stops: no logout, no more status messages.
        if (!silent) await device.logout();
        return true;
      }
      if (next === nextLoss) {
        await device.setCoverage(false);
        const back = clock.now() + exponential(random, behaviour.coverage.minutesOut * MINUTE);
        if (!(await until(back))) return false;
        await device.setCoverage(true);
        nextLoss = clock.now() + exponential(random, lossMeanMs);
        // Back in coverage, the client reports its status at once, or logs out if that fell due meanwhile.
        nextStatus = clock.now();
        continue;
      }
      const reply = await device.sendStatus(presence(random));
      tally.status(reply.status);
      // The BES logged the session out (idle or inactive) and says so: the user goes offline.
      if (reply.status !== 'ok') return true;
      nextStatus = clock.now() + statusEvery;
    }
  };

  let nextLogin = firstLoginAt;
  let retries = 0;
  while (await until(nextLogin)) {
    const wrongPassword = random.float() < users.wrongPasswordRate;
    const reply = await device.login({
      userId: member.userId,
      password: wrongPassword ? `${member.password}-typo` : member.password,
    });
    tally.login(reply.status, clock.now());
    if (reply.status === 'accepted' && !(await holdSession())) return;
    // Turned away (busy, failed, a mistyped password), the user tries again soon, a few times.
    const retry = reply.status !== 'accepted' && reply.status !== 'access-denied' && retries < behaviour.retries;
    retries = retry ? retries + 1 : 0;
    nextLogin = clock.now() + exponential(random, (retry ? behaviour.retryMinutes : behaviour.offlineMinutes) * MINUTE);
  }
}
