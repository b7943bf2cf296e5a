import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../src/session/index.js';
import { StatusOrder, type StatusEntry } from '../../src/session/status-order.js';
import { sessionRecord } from '../../src/testing/index.js';

const at = (n: number, lastStatusAt: number): SessionRecord => sessionRecord(n, { lastStatusAt });
const walk = (order: StatusOrder, time: number): string[] => [...order.atOrBefore(time)].map((r) => r.sessionId);

describe('StatusOrder', () => {
  it('appends times that arrive in order, and walks oldest first up to the time given', () => {
    const order = new StatusOrder();
    order.add(at(1, 10));
    order.add(at(2, 10));
    order.add(at(3, 20));
    expect(order.strays).toBe(0);
    expect(walk(order, 10)).toEqual(['session-1', 'session-2']);
    expect(walk(order, 9)).toEqual([]);
    expect(walk(order, Number.POSITIVE_INFINITY)).toEqual(['session-1', 'session-2', 'session-3']);
  });

  it('holds an older time apart as a stray and still walks it in its place', () => {
    const order = new StatusOrder();
    const first = order.add(at(1, 10));
    order.add(at(2, 30));
    order.move(first, at(1, 40));
    order.add(at(3, 20));
    expect(order.strays).toBe(1);
    expect(walk(order, 100)).toEqual(['session-3', 'session-2', 'session-1']);
    expect(walk(order, 20)).toEqual(['session-3']);
  });

  it('stops walking when the caller has enough', () => {
    const order = new StatusOrder();
    for (let n = 0; n < 100; n++) order.add(at(n, n));
    const walker = order.atOrBefore(1_000);
    expect(walker.next().value?.sessionId).toBe('session-0');
    expect(walker.next().value?.sessionId).toBe('session-1');
    expect(walker.return()).toEqual({ done: true, value: undefined });
  });

  it('merges the strays into the list once they are too many, keeping the order', () => {
    const order = new StatusOrder({ straysTolerated: 2, strayShare: 2 });
    order.add(at(0, 100));
    for (let n = 1; n <= 5; n++) order.add(at(n, 100 - n * 10));
    expect(order.strays).toBe(5);
    expect(walk(order, 1_000)).toEqual(['session-5', 'session-4', 'session-3', 'session-2', 'session-1', 'session-0']);
    expect(order.strays).toBe(0);
    order.add(at(6, 200));
    expect(order.strays).toBe(0);
    expect(walk(order, 60)).toEqual(['session-5', 'session-4']);
  });

  it('links a stray that has become the newest at the newest end when merging', () => {
    const order = new StatusOrder({ straysTolerated: 0, strayShare: 4 });
    order.add(at(1, 10));
    const newest = order.add(at(2, 30));
    order.add(at(3, 20));
    order.delete(newest);
    expect(walk(order, 100)).toEqual(['session-1', 'session-3']);
    expect(order.strays).toBe(0);
    order.add(at(4, 25));
    expect(order.strays).toBe(0);
    expect(walk(order, 100)).toEqual(['session-1', 'session-3', 'session-4']);
  });

  it('forgets deleted entries, strays or not', () => {
    const order = new StatusOrder();
    const kept = order.add(at(1, 10));
    const inOrder = order.add(at(2, 20));
    const stray = order.add(at(3, 5));
    order.delete(inOrder);
    order.delete(stray);
    expect(order.size).toBe(1);
    expect(order.strays).toBe(0);
    expect(walk(order, 100)).toEqual(['session-1']);
    order.delete(kept);
    expect(walk(order, 100)).toEqual([]);
    order.add(at(4, 1));
    expect(walk(order, 100)).toEqual(['session-4']);
  });

  type Step =
    | { kind: 'add'; time: number }
    | { kind: 'move'; pick: number; time: number }
    | { kind: 'delete'; pick: number }
    | { kind: 'walk'; time: number };
  const time = fc.integer({ min: 0, max: 50 });
  const pick = fc.nat();
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), time }),
    fc.record({ kind: fc.constant('move' as const), pick, time }),
    fc.record({ kind: fc.constant('delete' as const), pick }),
    fc.record({ kind: fc.constant('walk' as const), time }),
  );

  it('walks exactly the entries at or before a time, sorted, whatever the order times arrive in', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), fc.integer({ min: 0, max: 4 }), (steps, tolerated) => {
        const order = new StatusOrder({ straysTolerated: tolerated, strayShare: 2 });
        const live: StatusEntry[] = [];
        let next = 0;
        for (const s of steps) {
          if (s.kind === 'add') live.push(order.add(at(next++, s.time)));
          else if (s.kind === 'move' && live.length > 0) {
            const entry = live[s.pick % live.length]!;
            order.move(entry, { ...entry.record, lastStatusAt: s.time });
          } else if (s.kind === 'delete' && live.length > 0) {
            const [entry] = live.splice(s.pick % live.length, 1);
            order.delete(entry!);
          } else if (s.kind === 'walk') {
            const walked = [...order.atOrBefore(s.time)];
            const expected = live.map((e) => e.record).filter((r) => r.lastStatusAt <= s.time);
            expect(walked.map((r) => r.sessionId).sort()).toEqual(expected.map((r) => r.sessionId).sort());
            for (let i = 1; i < walked.length; i++) {
              expect(walked[i]!.lastStatusAt).toBeGreaterThanOrEqual(walked[i - 1]!.lastStatusAt);
            }
          }
          expect(order.size).toBe(live.length);
        }
        const everything = [...order.atOrBefore(Number.POSITIVE_INFINITY)].map((r) => r.sessionId);
        expect(everything.sort()).toEqual(live.map((e) => e.record.sessionId).sort());
      }),
      { numRuns: 300 },
    );
  });
});
