import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideAdmission,
  idleStatusCutoff,
  inactivityStatusCutoff,
  selectInactive,
  type AdmissionDecision,
  type AdmissionRules,
  type SessionRecord,
} from '../../src/session/index.js';
import { sessionRecord } from '../../src/testing/index.js';

const NOW = 100_000;
const IDLE = 60_000;

const away = (n: number, lastStatusAt = NOW): SessionRecord => sessionRecord(n, { lastStatusAt, inCoverage: false });
const silentFor = (n: number, ms: number): SessionRecord => sessionRecord(n, { lastStatusAt: NOW - ms });

interface Case {
  readonly title: string;
  readonly rules: AdmissionRules;
  readonly sessions: number;
  readonly idleCandidates?: readonly SessionRecord[];
  readonly sessionLimit?: number;
  readonly expected: AdmissionDecision;
}

const admit = (...logout: Array<[number, 'out-of-coverage' | 'no-status']>): AdmissionDecision => ({
  admit: true,
  logout: logout.map(([n, reason]) => ({ sessionId: `session-${n}`, reason })),
});
const serverBusy: AdmissionDecision = { admit: false, status: 'server-busy', reason: 'maximum-reached' };
const failed: AdmissionDecision = { admit: false, status: 'failed', reason: 'api-limit-reached' };

const cases: readonly Case[] = [
  {
    title: 'below the maximum: admit, log nobody out',
    rules: { maxSessions: 10, idleTimeoutMs: IDLE },
    sessions: 9,
    idleCandidates: [away(1)],
    expected: admit(),
  },
  {
    title: 'below the maximum with no idle timeout: admit',
    rules: { maxSessions: 10 },
    sessions: 0,
    expected: admit(),
  },
  {
    title: 'maximum reached, idle timeout set: log out every device out of coverage and admit',
    rules: { maxSessions: 3, idleTimeoutMs: IDLE },
    sessions: 3,
    idleCandidates: [away(1), away(2, NOW - 5)],
    expected: admit([1, 'out-of-coverage'], [2, 'out-of-coverage']),
  },
  {
    title: 'maximum reached, idle timeout set: log out every session silent past the timeout and admit',
    rules: { maxSessions: 3, idleTimeoutMs: IDLE },
    sessions: 3,
    idleCandidates: [silentFor(1, IDLE + 1), silentFor(2, 10 * IDLE)],
    expected: admit([1, 'no-status'], [2, 'no-status']),
  },
  {
    title: 'maximum reached: out of coverage wins over silence as the reason',
    rules: { maxSessions: 1, idleTimeoutMs: IDLE },
    sessions: 1,
    idleCandidates: [away(1, NOW - 2 * IDLE)],
    expected: admit([1, 'out-of-coverage']),
  },
  {
    title: 'maximum reached: silent for exactly the idle timeout counts as idle',
    rules: { maxSessions: 2, idleTimeoutMs: IDLE },
    sessions: 2,
    idleCandidates: [silentFor(1, IDLE)],
    expected: admit([1, 'no-status']),
  },
  {
    title: 'maximum reached: silent for 1 ms less than the idle timeout is not idle',
    rules: { maxSessions: 2, idleTimeoutMs: IDLE },
    sessions: 2,
    idleCandidates: [silentFor(1, IDLE - 1)],
    expected: serverBusy,
  },
  {
    title: 'maximum reached: candidates that are not idle are not logged out (a superset is fine)',
    rules: { maxSessions: 3, idleTimeoutMs: IDLE },
    sessions: 3,
    idleCandidates: [silentFor(1, 5), away(2), silentFor(3, IDLE), sessionRecord(4, { lastStatusAt: NOW + 10 })],
    expected: admit([2, 'out-of-coverage'], [3, 'no-status']),
  },
  {
    title: 'maximum reached: a candidate listed twice is logged out once and frees one slot',
    rules: { maxSessions: 2, idleTimeoutMs: IDLE },
    sessions: 3,
    idleCandidates: [away(1), away(1)],
    expected: serverBusy,
  },
  {
    title: 'maximum reached, idle timeout set, nothing idle: Server Busy',
    rules: { maxSessions: 3, idleTimeoutMs: IDLE },
    sessions: 3,
    idleCandidates: [silentFor(1, 10), silentFor(2, IDLE - 1)],
    expected: serverBusy,
  },
  {
    title: 'maximum reached, idle timeout set, no candidates at all: Server Busy',
    rules: { maxSessions: 3, idleTimeoutMs: IDLE },
    sessions: 3,
    expected: serverBusy,
  },
  {
    title: 'over the maximum, too few idle sessions to make room: Server Busy, nobody logged out',
    rules: { maxSessions: 3, idleTimeoutMs: IDLE },
    sessions: 5,
    idleCandidates: [away(1), silentFor(2, IDLE)],
    expected: serverBusy,
  },
  {
    title: 'over the maximum, just enough idle sessions to make room: admit',
    rules: { maxSessions: 3, idleTimeoutMs: IDLE },
    sessions: 5,
    idleCandidates: [away(1), silentFor(2, IDLE), silentFor(3, IDLE + 1)],
    expected: admit([1, 'out-of-coverage'], [2, 'no-status'], [3, 'no-status']),
  },
  {
    title: 'maximum reached, no idle timeout: Server Busy even with devices out of coverage',
    rules: { maxSessions: 3 },
    sessions: 3,
    idleCandidates: [away(1), silentFor(2, 10 * IDLE)],
    expected: serverBusy,
  },
  {
    title: 'a maximum of 0 admits nobody',
    rules: { maxSessions: 0, idleTimeoutMs: IDLE },
    sessions: 0,
    expected: serverBusy,
  },
  { title: 'no maximum, at the API limit: Failed', rules: {}, sessions: 100, sessionLimit: 100, expected: failed },
  { title: 'no maximum, past the API limit: Failed', rules: {}, sessions: 101, sessionLimit: 100, expected: failed },
  {
    title: 'no maximum, at the API limit, idle timeout set: Failed; the idle timeout applies only to a maximum',
    rules: { idleTimeoutMs: IDLE },
    sessions: 100,
    sessionLimit: 100,
    idleCandidates: [away(1)],
    expected: failed,
  },
  { title: 'no maximum, under the API limit: admit', rules: {}, sessions: 99, sessionLimit: 100, expected: admit() },
  {
    title: 'a maximum set above the API limit: the maximum decides, as the seed says',
    rules: { maxSessions: 200 },
    sessions: 150,
    sessionLimit: 100,
    expected: admit(),
  },
];

describe('decideAdmission', () => {
  it.each(cases)('$title', ({ rules, sessions, idleCandidates = [], sessionLimit = 1_000, expected }) => {
    expect(decideAdmission({ rules, now: NOW, sessions, idleCandidates, sessionLimit })).toEqual(expected);
  });

  it('does not change its input', () => {
    const idleCandidates = Object.freeze([away(1), silentFor(2, IDLE)]);
    const input = Object.freeze({
      rules: Object.freeze({ maxSessions: 2, idleTimeoutMs: IDLE }),
      now: NOW,
      sessions: 2,
      idleCandidates,
      sessionLimit: 10,
    });
    expect(decideAdmission(input).admit).toBe(true);
    expect(idleCandidates).toEqual([away(1), silentFor(2, IDLE)]);
  });
});

describe('idleStatusCutoff', () => {
  it('is now minus the idle timeout when a maximum and an idle timeout are set', () => {
    expect(idleStatusCutoff({ maxSessions: 5, idleTimeoutMs: IDLE }, NOW)).toBe(NOW - IDLE);
  });

  it('is undefined when the rules never log idle sessions out', () => {
    expect(idleStatusCutoff({ maxSessions: 5 }, NOW)).toBeUndefined();
    expect(idleStatusCutoff({ idleTimeoutMs: IDLE }, NOW)).toBeUndefined();
    expect(idleStatusCutoff({}, NOW)).toBeUndefined();
  });
});

describe('selectInactive', () => {
  const candidates = [silentFor(1, IDLE), silentFor(2, IDLE - 1), away(3), away(4, NOW - 2 * IDLE), silentFor(1, IDLE)];

  it('closes every session silent for at least the inactivity timeout, in coverage or not, once each', () => {
    expect(selectInactive({ inactivityTimeoutMs: IDLE }, NOW, candidates)).toEqual(['session-1', 'session-4']);
  });

  it('closes nothing without an inactivity timeout', () => {
    expect(selectInactive({}, NOW, candidates)).toEqual([]);
  });

  it('has a store cutoff of now minus the timeout, or none', () => {
    expect(inactivityStatusCutoff({ inactivityTimeoutMs: IDLE }, NOW)).toBe(NOW - IDLE);
    expect(inactivityStatusCutoff({}, NOW)).toBeUndefined();
  });
});

describe('decideAdmission properties', () => {
  const candidate = fc.record({
    n: fc.integer({ min: 0, max: 30 }),
    age: fc.integer({ min: -10, max: 3 * IDLE }),
    inCoverage: fc.boolean(),
  });
  const input = fc.record({
    maxSessions: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    idleTimeoutMs: fc.option(fc.integer({ min: 0, max: 2 * IDLE }), { nil: undefined }),
    sessions: fc.integer({ min: 0, max: 60 }),
    sessionLimit: fc.integer({ min: 0, max: 60 }),
    candidates: fc.array(candidate, { maxLength: 40 }),
  });

  it('never admits unless the logouts bring the sessions under the maximum, and logs out only idle candidates', () => {
    fc.assert(
      fc.property(input, ({ maxSessions, idleTimeoutMs, sessions, sessionLimit, candidates }) => {
        const idleCandidates = candidates.map(({ n, age, inCoverage }) =>
          sessionRecord(n, { lastStatusAt: NOW - age, inCoverage }),
        );
        const rules: AdmissionRules = { maxSessions, idleTimeoutMs };
        const decision = decideAdmission({ rules, now: NOW, sessions, idleCandidates, sessionLimit });
        if (!decision.admit) return;
        const ids = decision.logout.map((l) => l.sessionId);
        expect(new Set(ids).size, 'each session logged out once').toBe(ids.length);
        if (maxSessions === undefined) {
          expect(sessions).toBeLessThan(sessionLimit);
          expect(ids).toEqual([]);
          return;
        }
        expect(sessions - ids.length).toBeLessThan(maxSessions);
        for (const { sessionId, reason } of decision.logout) {
          // A candidate may be listed more than once; one of its listings must justify the reason.
          const listings = idleCandidates.filter((r) => r.sessionId === sessionId);
          const justified = listings.some((r) =>
            reason === 'out-of-coverage'
              ? !r.inCoverage
              : NOW - r.lastStatusAt >= (idleTimeoutMs ?? Number.POSITIVE_INFINITY),
          );
          expect(justified, `${sessionId} is a candidate and ${reason}`).toBe(true);
        }
        if (ids.length > 0) expect(sessions).toBeGreaterThanOrEqual(maxSessions);
      }),
    );
  });

  it('rejects with the status that matches the rules', () => {
    fc.assert(
      fc.property(input, ({ maxSessions, idleTimeoutMs, sessions, sessionLimit, candidates }) => {
        const idleCandidates = candidates.map(({ n, age, inCoverage }) =>
          sessionRecord(n, { lastStatusAt: NOW - age, inCoverage }),
        );
        const decision = decideAdmission({
          rules: { maxSessions, idleTimeoutMs },
          now: NOW,
          sessions,
          idleCandidates,
          sessionLimit,
        });
        if (decision.admit) return;
        expect(decision.status).toBe(maxSessions === undefined ? 'failed' : 'server-busy');
        if (maxSessions === undefined) expect(sessions).toBeGreaterThanOrEqual(sessionLimit);
        else expect(sessions).toBeGreaterThanOrEqual(maxSessions);
      }),
    );
  });
});
