import type { Device } from '../pipeline/device.js';
import type { LoginReply, StatusReply } from '../pipeline/login-status.js';
import type { ImPresence } from '../pipeline/im-request.js';
import type { Random } from '../random/seeded-random.js';
import type { Clock } from '../time/clock.js';
import { microtask } from '../time/microtask.js';
import type { Member } from './population.js';
import type { Scenario } from './scenario.js';
import { exponential } from './exponential.js';
import type { Tally } from './tally.js';

const MINUTE = 60_000;

/** How a device's day reports its end: shared by every device of a run, so a day holds no promise. */
export interface DayEnds {
  /** The period ended for the device. */
  ended(): void;
  /** A step threw or a device call rejected: the day stops there. Called unbound. */
  readonly failed: (error: unknown) => void;
}

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

/** Where a device's day goes on when its sleep ends or the answer it waits for comes. */
type Step =
  | 'log-in'
  | 'login-answered'
  | 'session-event'
  | 'logged-out'
  | 'coverage-lost'
  | 'coverage-back'
  | 'coverage-regained'
  | 'status-answered';

/**
 * One user's period on the virtual clock: offline for a while, log in, and if accepted hold the
 * session (status messages, coverage lost and regained) until logging out or going silent, then
 * offline again. The device holds at most one sleeper at a time, and none past the period's end.
 *
 * Written as one small object that remembers its next step, not as nested async functions: a
 * million devices in the middle of their day hold a million of these, where awaiting frames held
 * three generators, four promises and their closures each (a run's heap at its fullest, per
 * device: 1.8 KiB then, 0.9 KiB now).
 */
class DeviceDay {
  readonly #ctx: DayContext;
  readonly #member: Member;
  readonly #device: Device;
  readonly #random: Random;
  readonly #ends: DayEnds;
  #step: Step = 'log-in';
  #retries = 0;
  #sessionEnd = 0;
  #silent = false;
  #nextStatus = 0;
  #nextLoss = Number.POSITIVE_INFINITY;

  constructor(ctx: DayContext, member: Member, device: Device, random: Random, ends: DayEnds) {
    this.#ctx = ctx;
    this.#member = member;
    this.#device = device;
    this.#random = random;
    this.#ends = ends;
  }

  start(firstLoginAt: number): void {
    this.#until(firstLoginAt, 'log-in');
  }

  /** Goes on with the day: a sleep ended (no value) or a device call answered (its reply). */
  readonly #resume = (answer?: unknown): void => {
    try {
      this.#take(answer);
    } catch (error) {
      this.#ends.failed(error);
    }
  };

  #take(answer: unknown): void {
    switch (this.#step) {
      case 'log-in':
        return this.#logIn();
      case 'login-answered':
        return this.#loginAnswered(answer as LoginReply);
      case 'session-event':
        return this.#sessionEvent();
      case 'logged-out':
        return this.#offline('accepted');
      case 'coverage-lost':
        return this.#coverageLost();
      case 'coverage-back':
        return this.#call(this.#device.setCoverage(true), 'coverage-regained');
      case 'coverage-regained':
        return this.#coverageRegained();
      case 'status-answered':
        return this.#statusAnswered(answer as StatusReply);
    }
  }

  /**
   * Resumes at `at` with `step`, on a clock timer (no promise to hold while it waits); when `at` is
   * at or past the period's end, the day is over instead. A wait of nothing still resumes a
   * microtask later, as an awaited promise would.
   */
  #until(at: number, step: Step): void {
    if (at >= this.#ctx.endMs) {
      this.#ends.ended();
      return;
    }
    this.#step = step;
    const wait = at - this.#ctx.clock.now();
    if (wait > 0) this.#ctx.clock.timer(wait, this.#resume);
    else microtask(this.#resume);
  }

  /** Resumes with `step` once the device call answers. */
  #call(answer: Promise<unknown>, step: Step): void {
    this.#step = step;
    answer.then(this.#resume, this.#ends.failed);
  }

  #logIn(): void {
    const { userId, password } = this.#member;
    const wrongPassword = this.#random.float() < this.#ctx.scenario.users.wrongPasswordRate;
    this.#call(
      this.#device.login({ userId, password: wrongPassword ? `${password}-typo` : password }),
      'login-answered',
    );
  }

  #loginAnswered(reply: LoginReply): void {
    this.#ctx.tally.login(reply.status, this.#ctx.clock.now());
    if (reply.status === 'accepted') this.#holdSession();
    else this.#offline(reply.status);
  }

  /**
   * Offline until the next login. Turned away (busy, failed, a mistyped password), the user tries
   * again soon, a few times; after a session (`lastLogin` accepted) or a refusal, later.
   */
  #offline(lastLogin: LoginReply['status']): void {
    const { behaviour } = this.#ctx.scenario;
    const retry = lastLogin !== 'accepted' && lastLogin !== 'access-denied' && this.#retries < behaviour.retries;
    this.#retries = retry ? this.#retries + 1 : 0;
    const meanMinutes = retry ? behaviour.retryMinutes : behaviour.offlineMinutes;
    this.#until(this.#ctx.clock.now() + exponential(this.#random, meanMinutes * MINUTE), 'log-in');
  }

  /** The session after an accepted login, until it ends for the user or the period ends. */
  #holdSession(): void {
    const { behaviour } = this.#ctx.scenario;
    const now = this.#ctx.clock.now();
    this.#sessionEnd = now + exponential(this.#random, behaviour.sessionMinutes * MINUTE);
    this.#silent = this.#random.float() < behaviour.silentShare;
    const lossMeanMs = this.#lossMeanMs();
    this.#nextStatus = now + this.#statusEvery();
    this.#nextLoss = lossMeanMs > 0 ? now + exponential(this.#random, lossMeanMs) : Number.POSITIVE_INFINITY;
    this.#untilSessionEvent();
  }

  #untilSessionEvent(): void {
    this.#until(Math.min(this.#sessionEnd, this.#nextLoss, this.#nextStatus), 'session-event');
  }

  #sessionEvent(): void {
    const next = Math.min(this.#sessionEnd, this.#nextLoss, this.#nextStatus);
    if (next === this.#sessionEnd) {
      // A silent device just stops: no logout, no more status messages.
      if (this.#silent) this.#offline('accepted');
      else this.#call(this.#device.logout(), 'logged-out');
    } else if (next === this.#nextLoss) {
      this.#call(this.#device.setCoverage(false), 'coverage-lost');
    } else {
      this.#call(this.#device.sendStatus(presence(this.#random)), 'status-answered');
    }
  }

  #coverageLost(): void {
    const minutesOut = this.#ctx.scenario.behaviour.coverage.minutesOut;
    this.#until(this.#ctx.clock.now() + exponential(this.#random, minutesOut * MINUTE), 'coverage-back');
  }

  #coverageRegained(): void {
    const now = this.#ctx.clock.now();
    this.#nextLoss = now + exponential(this.#random, this.#lossMeanMs());
    // Back in coverage, the client reports its status at once, or logs out if that fell due meanwhile.
    this.#nextStatus = now;
    this.#untilSessionEvent();
  }

  #statusAnswered(reply: StatusReply): void {
    this.#ctx.tally.status(reply.status);
    // The BES logged the session out (idle or inactive) and says so: the user goes offline.
    if (reply.status !== 'ok') return this.#offline('accepted');
    this.#nextStatus = this.#ctx.clock.now() + this.#statusEvery();
    this.#untilSessionEvent();
  }

  #lossMeanMs(): number {
    const { lossesPerHour } = this.#ctx.scenario.behaviour.coverage;
    return lossesPerHour > 0 ? (60 * MINUTE) / lossesPerHour : 0;
  }

  #statusEvery(): number {
    return Math.max(1, Math.round(this.#ctx.scenario.behaviour.statusIntervalMinutes * MINUTE));
  }
}

/** Starts one user's day (see `DeviceDay`); `ends` hears when the period ends for the device, or a step fails. */
export function deviceDay(
  ctx: DayContext,
  member: Member,
  device: Device,
  random: Random,
  firstLoginAt: number,
  ends: DayEnds,
): void {
  new DeviceDay(ctx, member, device, random, ends).start(firstLoginAt);
}
