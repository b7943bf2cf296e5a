import { describe, expect, it } from 'vitest';
import type { AirFrame } from '../../src/pipeline/air-frame.js';
import { pipe, type SimpleFilter } from '../../src/pipeline/stage.js';
import { sametimeBackend } from '../../src/sametime/sametime-backend.js';
import { passwordOf, testBes } from './bes-fixture.js';

/** A short scripted day: logins, a wrong password, statuses, coverage loss, an idle logout, a logout. */
async function scriptedRun(seed: number): Promise<{ trace: string; air: string[]; sametime: string[] }> {
  const air: string[] = [];
  const sametime: string[] = [];
  const radio: SimpleFilter<AirFrame, AirFrame | null> = async (frame, next) => {
    air.push(Buffer.from(frame.bytes).toString('hex'));
    const reply = await next(frame);
    if (reply !== null) air.push(Buffer.from(reply.bytes).toString('hex'));
    return reply;
  };
  const t = testBes({
    seed,
    config: { maxSessions: 2, idleTimeoutMs: 30_000 },
    backend: sametimeBackend({
      capture: (direction, bytes) => sametime.push(`${direction}:${Buffer.from(bytes).toString('hex')}`),
    }),
    compose: ({ device, router, dispatcher, collaborationService, backend }) =>
      pipe(device, radio, router, dispatcher, collaborationService, backend),
  });
  const alice = await t.loggedIn(1, 'alice');
  const bob = t.activate(2, 'bob');
  await bob.login({ userId: 'bob', password: 'wrong' });
  await bob.login({ userId: 'bob', password: passwordOf('bob') });
  await t.clock.advance(20_000);
  await alice.sendStatus('away');
  await bob.setCoverage(false);
  await t.activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') });
  await t.clock.advance(40_000);
  await alice.logout();
  return { trace: JSON.stringify(t.events), air, sametime };
}

describe('determinism', () => {
  it('gives byte-identical traces, air frames and Sametime captures for the same seed', async () => {
    const first = await scriptedRun(11);
    const second = await scriptedRun(11);
    expect(second.trace).toBe(first.trace);
    expect(second.air).toEqual(first.air);
    expect(second.sametime).toEqual(first.sametime);
    expect(first.air.length).toBeGreaterThan(10);
  });

  it('gives other bytes for another seed (keys differ), with the same outcomes', async () => {
    const first = await scriptedRun(11);
    const other = await scriptedRun(12);
    expect(other.air).not.toEqual(first.air);
    const outcomes = (trace: string) =>
      (JSON.parse(trace) as { hop: string; action: string; outcome?: string }[])
        .filter((e) => e.hop === 'device' && e.action === 'opened')
        .map((e) => e.outcome);
    expect(outcomes(other.trace)).toEqual(outcomes(first.trace));
  });
});
