/**
 * What the pipeline benchmarks share: a BES on a virtual clock with activated devices, and the
 * names the simulated users and devices go by.
 */
import type {
  BackendFactory,
  Bes,
  BesConfigInput,
  BesFidelity,
  Device,
  ImBackend,
  SametimeBackend,
  SessionStore,
  TraceObserver,
  VirtualClock,
} from '../src/index.js';
import { lib } from './lib.js';

const { VirtualClock: Clock, createBes } = lib;

/** The PIN of device `i`: eight upper-case hex digits from 2100000A upwards. */
export function pinOf(i: number): string {
  return (0x2100_000a + i).toString(16).toUpperCase();
}

export function userOf(i: number): { userId: string; password: string } {
  return { userId: `user${i}`, password: `pw${i}` };
}

export interface LoginRig<B extends ImBackend = SametimeBackend> {
  readonly bes: Bes<VirtualClock, B>;
  readonly clock: VirtualClock;
  readonly devices: readonly Device[];
}

export interface LoginRigOptions<B extends ImBackend = SametimeBackend> {
  /** Devices activated, one user each (`userOf(i)` on `pinOf(i)`). */
  readonly devices: number;
  readonly config?: BesConfigInput;
  readonly sessions?: SessionStore;
  readonly observe?: TraceObserver;
  readonly seed?: number;
  /** An IM backend in place of the simulated Sametime server. */
  readonly backend?: BackendFactory<B>;
  /** `logic`: the same admission path with nothing sealed, compressed or framed. Default `wire`. */
  readonly fidelity?: BesFidelity;
}

/** A BES with `devices` users, each with one activated device. */
export function loginRig<B extends ImBackend = SametimeBackend>(options: LoginRigOptions<B>): LoginRig<B> {
  const clock = new Clock();
  const users = Array.from({ length: options.devices }, (_, i) => userOf(i));
  const bes = createBes<VirtualClock, B>({
    seed: options.seed ?? 5,
    clock,
    users,
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.sessions === undefined ? {} : { sessions: options.sessions }),
    ...(options.observe === undefined ? {} : { observe: options.observe }),
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    ...(options.fidelity === undefined ? {} : { fidelity: options.fidelity }),
  });
  const devices = users.map((user, i) => {
    const activated = bes.activateDevice({ pin: pinOf(i), userId: user.userId, activationPassword: user.password });
    if (!activated.ok) throw new Error(`bench: device ${pinOf(i)} did not activate (${activated.code})`);
    return activated.device;
  });
  return { bes, clock, devices };
}

/** Fails the benchmark loudly: a benchmark that measures the wrong thing is worse than none. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`bench: ${message}`);
}
