/**
 * The floor of a scenario run: a plain discrete-event simulation of the same behaviour and rules
 * (first logins, sessions, status messages, coverage lost and regained, retries, typos, silent
 * devices; the maximum, the idle rule and the inactivity timeout), written the way one would
 * without the library: one binary heap of callbacks, plain objects, no promises, no bytes. It gives
 * the same figures in distribution, not the same numbers (it draws its randomness in its own order).
 */
import type { Random, Scenario } from '../src/index.js';
import { lib } from './lib.js';

const { createRandom } = lib;
const MINUTE = 60_000;

/** A min-heap of (time, action), ties in insertion order. */
class EventQueue {
  readonly #times: number[] = [];
  readonly #order: number[] = [];
  readonly #actions: (() => void)[] = [];
  #inserted = 0;

  get size(): number {
    return this.#times.length;
  }

  at(time: number, action: () => void): void {
    const times = this.#times;
    let i = times.length;
    times.push(time);
    this.#order.push(this.#inserted++);
    this.#actions.push(action);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** Runs every action due before `endMs`, in time order. */
  run(endMs: number): void {
    while (this.#times.length > 0 && this.#times[0]! < endMs) this.#pop()();
  }

  #pop(): () => void {
    const action = this.#actions[0]!;
    const last = this.#times.length - 1;
    this.#swap(0, last);
    this.#times.pop();
    this.#order.pop();
    this.#actions.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < this.#times.length && this.#before(l, least)) least = l;
      if (r < this.#times.length && this.#before(r, least)) least = r;
      if (least === i) break;
      this.#swap(i, least);
      i = least;
    }
    return action;
  }

  #before(a: number, b: number): boolean {
    const ta = this.#times[a]!;
    const tb = this.#times[b]!;
    return ta < tb || (ta === tb && this.#order[a]! < this.#order[b]!);
  }

  #swap(a: number, b: number): void {
    [this.#times[a], this.#times[b]] = [this.#times[b]!, this.#times[a]!];
    [this.#order[a], this.#order[b]] = [this.#order[b]!, this.#order[a]!];
    [this.#actions[a], this.#actions[b]] = [this.#actions[b]!, this.#actions[a]!];
  }
}

interface PlainSession {
  lastStatusAt: number;
  inCoverage: boolean;
}

/** Logins tried and accepted, and Server Busy answers, of one plain run. */
export interface PlainFigures {
  readonly tried: number;
  readonly accepted: number;
  readonly serverBusy: number;
}

function exponential(random: Random, mean: number): number {
  return -Math.log(1 - random.float()) * mean;
}

/** Runs `scenario`'s population through the plain simulation. */
export function runPlainSimulation(scenario: Scenario): PlainFigures {
  const { behaviour: b, users, bes } = scenario;
  const endMs = scenario.hours * 60 * MINUTE;
  const random = createRandom(`plain/${String(scenario.seed)}`);
  const queue = new EventQueue();
  const sessions = new Map<number, PlainSession>();
  const idleMs = bes.idleTimeoutMinutes === null ? undefined : bes.idleTimeoutMinutes * MINUTE;
  const inactiveMs = bes.inactivityTimeoutMinutes === null ? undefined : bes.inactivityTimeoutMinutes * MINUTE;
  const max = bes.maxSessions ?? bes.sametimeSessionLimit;
  const lossMean = b.coverage.lossesPerHour > 0 ? (60 * MINUTE) / b.coverage.lossesPerHour : 0;
  let now = 0;
  let tried = 0;
  let accepted = 0;
  let serverBusy = 0;
  const later = (delay: number, action: () => void): void => {
    const at = now + delay;
    if (at >= endMs) return;
    queue.at(at, () => {
      now = at;
      action();
    });
  };

  /** The session that has sent no status the longest, or one out of coverage, if it is idle. */
  const idleCandidate = (): number | undefined => {
    for (const [n, s] of sessions) {
      if (!s.inCoverage || (idleMs !== undefined && now - s.lastStatusAt >= idleMs)) return n;
      if (idleMs === undefined) return undefined;
    }
    return undefined;
  };

  const login = (n: number, retries: number): void => {
    tried++;
    const wrong = random.float() < users.wrongPasswordRate;
    const permitted = n % 1000 < users.permittedShare * 1000;
    sessions.delete(n);
    let ok = permitted && !wrong;
    if (ok && sessions.size >= max) {
      const evict = bes.maxSessions === null || idleMs === undefined ? undefined : idleCandidate();
      if (evict === undefined) {
        serverBusy++;
        ok = false;
      } else sessions.delete(evict);
    }
    if (!ok) {
      if (retries < b.retries) later(exponential(random, b.retryMinutes * MINUTE), () => login(n, retries + 1));
      else later(exponential(random, b.offlineMinutes * MINUTE), () => login(n, 0));
      return;
    }
    accepted++;
    const session: PlainSession = { lastStatusAt: now, inCoverage: true };
    sessions.set(n, session);
    const silent = random.float() < b.silentShare;
    const sessionEnd = now + exponential(random, b.sessionMinutes * MINUTE);
    const status = (): void => {
      if (sessions.get(n) !== session) return later(exponential(random, b.offlineMinutes * MINUTE), () => login(n, 0));
      if (now >= sessionEnd) {
        if (!silent) sessions.delete(n);
        return later(exponential(random, b.offlineMinutes * MINUTE), () => login(n, 0));
      }
      if (inactiveMs !== undefined && now - session.lastStatusAt >= inactiveMs) {
        sessions.delete(n);
        return later(exponential(random, b.offlineMinutes * MINUTE), () => login(n, 0));
      }
      if (!silent && session.inCoverage) {
        sessions.delete(n);
        sessions.set(n, session);
        session.lastStatusAt = now;
      }
      later(b.statusIntervalMinutes * MINUTE, status);
    };
    later(b.statusIntervalMinutes * MINUTE, status);
    if (lossMean > 0) {
      later(exponential(random, lossMean), () => {
        session.inCoverage = false;
        later(exponential(random, b.coverage.minutesOut * MINUTE), () => {
          session.inCoverage = true;
        });
      });
    }
  };

  for (let n = 1; n <= users.count; n++) later(exponential(random, b.offlineMinutes * MINUTE), () => login(n, 0));
  queue.run(endMs);
  return { tried, accepted, serverBusy };
}
