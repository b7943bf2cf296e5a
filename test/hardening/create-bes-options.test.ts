import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, createBes, sametimeBackend, type CreateBesOptions } from '../../src/index.js';
import { SametimeServer } from '../../src/sametime/index.js';
import { USERS } from './fixture.js';

function configErrorOf(build: () => unknown): ConfigError {
  try {
    build();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${(error as Error).name}: ${(error as Error).message}`);
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

const prototype = Object.prototype as Record<string, unknown>;
const planted: string[] = [];

/** Sets a key on Object.prototype for one test, as a polluted dependency would. */
function pollute(key: string, value: unknown): void {
  planted.push(key);
  prototype[key] = value;
}

afterEach(() => {
  for (const key of planted.splice(0)) delete prototype[key];
});

describe('createBes refuses what it cannot run, naming the field', () => {
  it('a seed that is NaN, Infinity, missing or neither number nor string is a ConfigError naming seed', () => {
    for (const seed of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, null, {}, true]) {
      const error = configErrorOf(() => createBes({ seed } as unknown as CreateBesOptions));
      expect(error.fields).toEqual(['seed']);
      expect(error.message).toContain('seed');
    }
    const missing = configErrorOf(() => createBes({} as CreateBesOptions));
    expect(missing.fields).toEqual(['seed']);
    expect(createBes({ seed: 0 }).instanceId).toMatch(/^bes-[0-9a-f]{8}$/);
    expect(createBes({ seed: '' }).instanceId).toMatch(/^bes-[0-9a-f]{8}$/);
  });

  it('an unknown Sametime fault is a ConfigError naming fault, not a working server', () => {
    const error = configErrorOf(() => createBes({ seed: 1, backend: sametimeBackend({ fault: 'explode' as never }) }));
    expect(error.fields).toEqual(['backend.fault']);
    expect(error.message).toContain('explode');
    expect(configErrorOf(() => sametimeBackend({ latencyMs: Number.NaN })).fields).toEqual(['backend.latencyMs']);
    expect(configErrorOf(() => sametimeBackend({ capacity: -1 })).fields).toEqual(['backend.capacity']);
    const server = createBes({ seed: 1, backend: sametimeBackend({ fault: 'silent' }) }).backend.server;
    expect(server).toBeInstanceOf(SametimeServer);
    expect(() => {
      server.fault = 'explode' as never;
    }).toThrow('fault');
    expect(server.fault).toBe('silent');
  });

  it('ignores values planted on Object.prototype: config, its sametime section, the seed and the user list', async () => {
    pollute('maxSessions', 1);
    pollute('idleTimeoutMs', 5);
    pollute('collaborationService', 'remote');
    pollute('port', 9);
    pollute('collaboration', false);
    pollute('activationPassword', 'planted');
    const bes = createBes({ seed: 1, users: [{ userId: 'zoe', password: 'zoe-pw' }], config: { sametime: {} } });
    expect(bes.config.maxSessions).toBeUndefined();
    expect(bes.config.idleTimeoutMs).toBeUndefined();
    expect(bes.config.collaborationService).toBe('local');
    expect(bes.config.sametime.port).toBe(1533);
    expect(Object.getPrototypeOf(bes.config)).toBe(null);
    // The user's activation password is still their password, and they may use the client.
    const activated = bes.activateDevice({ pin: '2100000A', userId: 'zoe', activationPassword: 'zoe-pw' });
    expect(activated.ok).toBe(true);
    if (!activated.ok) return;
    expect((await activated.device.login({ userId: 'zoe', password: 'zoe-pw' })).status).toBe('accepted');
  });

  it('a planted seed does not stand in for a missing one', () => {
    pollute('seed', 42);
    expect(configErrorOf(() => createBes({} as CreateBesOptions)).fields).toEqual(['seed']);
  });

  it('still builds with the test users and a plain config', () => {
    expect(createBes({ seed: 1, users: USERS, config: { maxSessions: 2 } }).config.maxSessions).toBe(2);
  });
});
