import { describe, expect, it } from 'vitest';
import { createBes } from '../../src/bes.js';
import { parseBesConfig } from '../../src/config/bes-config.js';
import { ConfigError } from '../../src/config/config-error.js';

function rejection(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('BES configuration', () => {
  it('fills in the seed’s defaults: SRP 3101, Collaboration Service 3200 (local), Sametime 1533, no maximum', () => {
    const config = parseBesConfig({});
    expect(config).toMatchObject({
      srpPort: 3101,
      collaborationServicePort: 3200,
      collaborationService: 'local',
      sametime: { port: 1533 },
    });
    expect(config.maxSessions).toBeUndefined();
    expect(config.idleTimeoutMs).toBeUndefined();
  });

  it('names every bad field in one message', () => {
    const error = rejection(() =>
      parseBesConfig({ maxSessions: 0, idleTimeoutMs: -5, sametime: { port: 70_000 }, collaborationService: 'cloud' }),
    );
    expect(error.code).toBe('invalid-config');
    expect(error.fields).toEqual(
      expect.arrayContaining([
        'config.maxSessions',
        'config.idleTimeoutMs',
        'config.sametime.port',
        'config.collaborationService',
      ]),
    );
    for (const field of error.fields) expect(error.message).toContain(field);
  });

  it('rejects unknown settings, so a misspelt one is not silently ignored', () => {
    expect(rejection(() => parseBesConfig({ maxSession: 5 })).message).toContain('maxSession');
  });

  it('rejects a maximum above what the Sametime API supports, rather than capping it', () => {
    const error = rejection(() =>
      createBes({ seed: 1, config: { maxSessions: 200, sametime: { sessionLimit: 100 } } }),
    );
    expect(error.fields).toEqual(['config.maxSessions']);
    expect(error.message).toContain('more than the 100 sessions the sametime API supports');
    expect(
      createBes({ seed: 1, config: { maxSessions: 100, sametime: { sessionLimit: 100 } } }).config.maxSessions,
    ).toBe(100);
  });

  it('createBes rejects a bad config and a bad user list, naming the field', () => {
    expect(rejection(() => createBes({ seed: 1, config: { sametime: { host: '' } } })).fields).toEqual([
      'config.sametime.host',
    ]);
    expect(rejection(() => createBes({ seed: 1, users: [{ userId: '', password: 'x' }] })).fields).toEqual([
      'users.0.userId',
    ]);
    const twice = rejection(() =>
      createBes({
        seed: 1,
        users: [
          { userId: 'a', password: 'x' },
          { userId: 'a', password: 'y' },
        ],
      }),
    );
    expect(twice.fields).toEqual(['users.1.userId']);
    expect(twice.message).not.toContain('"y"');
  });

  it('spells out the first five bad entries of a long user list and counts the rest, listing every field', () => {
    const users = Array.from({ length: 1_000 }, (_, i) => ({
      userId: `user${i}`,
      password: 'secret'.repeat(50), // 300 characters, over the 256 a credential may have
    }));
    const error = rejection(() => createBes({ seed: 1, users }));
    expect(error.fields).toEqual(users.map((_, i) => `users.${i}.password`));
    expect(error.message).toMatch(
      /^invalid user list: users\.0\.password: .*; users\.4\.password: [^;]*; and 995 more$/,
    );
    expect(error.message).not.toContain('users.5.');
    expect(error.message).not.toContain('secret');
    // Five or fewer are all spelt out, with no count.
    const few = rejection(() => createBes({ seed: 1, users: users.slice(0, 5) }));
    expect(few.message).toContain('users.4.password');
    expect(few.message).not.toContain('more');
  });
});
