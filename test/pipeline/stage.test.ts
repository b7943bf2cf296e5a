import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/pipeline/pipeline-error.js';
import { andThen, layer, pipe, type Filter, type SimpleFilter, type Stage } from '../../src/pipeline/stage.js';

const double: Stage<number, number> = async (n) => n * 2;

describe('pipe', () => {
  it('lets a filter change the message on the way in and the reply on the way out', async () => {
    const parse: Filter<string, string, number, number> = async (text, next) => `=${await next(Number(text))}`;
    await expect(pipe(parse, double)('21')).resolves.toBe('=42');
  });

  it('composes hops left to right, the first outermost', async () => {
    const seen: string[] = [];
    const tag =
      (name: string): SimpleFilter<number, number> =>
      async (n, next) => {
        seen.push(`${name} in`);
        const out = await next(n + 1);
        seen.push(`${name} out`);
        return out;
      };
    await expect(pipe(tag('a'), tag('b'), tag('c'), double)(1)).resolves.toBe(8);
    expect(seen).toEqual(['a in', 'b in', 'c in', 'c out', 'b out', 'a out']);
  });

  it('is the stage itself when given only a stage', async () => {
    expect(pipe(double)).toBe(double);
  });

  it('lets a filter answer without calling next', async () => {
    let called = false;
    const next: Stage<number, number> = async (n) => {
      called = true;
      return n;
    };
    const answer: SimpleFilter<number, number> = async () => -1;
    await expect(pipe(answer, next)(5)).resolves.toBe(-1);
    expect(called).toBe(false);
  });

  it('rejects a filter that calls next twice for one message, naming the filter', async () => {
    const twice: SimpleFilter<number, number> = async function retrying(n, next) {
      await next(n);
      return next(n);
    };
    const error = await pipe(twice, double)(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe('next-called-twice');
    expect((error as PipelineError).message).toContain('retrying');
  });

  it('turns a throw of a filter that is not async, or of the stage it ends in, into a rejection', async () => {
    const relay: SimpleFilter<number, number> = (n, next) => {
      if (n < 0) throw new RangeError('negative');
      return next(n).then((reply) => reply + 1);
    };
    const throwing: Stage<number, number> = (n) => {
      if (n === 0) throw new TypeError('zero');
      return Promise.resolve(n);
    };
    const stage = pipe(relay, throwing);
    const early = stage(-1);
    expect(early).toBeInstanceOf(Promise);
    await expect(early).rejects.toThrow(RangeError);
    await expect(stage(0)).rejects.toThrow(TypeError);
    await expect(stage(2)).resolves.toBe(3);
    const joined = pipe(andThen(relay, relay), throwing);
    await expect(joined(-1)).rejects.toThrow(RangeError);
    await expect(joined(0)).rejects.toThrow(TypeError);
    await expect(joined(1)).resolves.toBe(3);
  });

  it('allows next once per message, message after message', async () => {
    const pass: SimpleFilter<number, number> = (n, next) => next(n);
    const stage = pipe(pass, double);
    await expect(Promise.all([stage(1), stage(2), stage(3)])).resolves.toEqual([2, 4, 6]);
  });

  it('builds a layer around the rest of the path once, which it may call on its own', async () => {
    let wired = 0;
    let rest: Stage<number, number> | undefined;
    const counting = layer<number, string, number, number>((next) => {
      wired++;
      rest = next;
      return async function counting(n) {
        return `#${await next(n)}`;
      };
    });
    const add: SimpleFilter<number, number> = async (n, next) => next(n + 100);
    const stage = pipe(counting, add, double);
    await expect(stage(1)).resolves.toBe('#202');
    await expect(stage(2)).resolves.toBe('#204');
    expect(wired).toBe(1);
    // Out of band, through the same stages behind it.
    await expect(rest!(0)).resolves.toBe(200);
  });

  it('refuses what is not a hop, and an empty pipe', () => {
    expect(() => (pipe as (...hops: unknown[]) => unknown)()).toThrow(TypeError);
    expect(() => (pipe as (...hops: unknown[]) => unknown)(42, double)).toThrow(TypeError);
  });
});

describe('andThen', () => {
  it('joins two filters into one, in order', async () => {
    const plus: SimpleFilter<number, number> = async (n, next) => next(n + 1);
    const times: SimpleFilter<number, number> = async (n, next) => next(n * 10);
    await expect(pipe(andThen(plus, times), double)(1)).resolves.toBe(40);
  });

  it('guards next in the joined filter as pipe does', async () => {
    const twice: SimpleFilter<number, number> = async function twice(n, next) {
      await next(n);
      return next(n);
    };
    const pass: SimpleFilter<number, number> = (n, next) => next(n);
    const error = await pipe(andThen(twice, pass), double)(1).catch((e: unknown) => e);
    expect((error as PipelineError).code).toBe('next-called-twice');
  });

  it('joins a filter and a layer into a layer', async () => {
    const tagged = layer<number, string, number, number>((next) => async (n) => `!${await next(n)}`);
    const plus: SimpleFilter<number, string> = async (n, next) => next(n + 1);
    await expect(pipe(andThen(plus, tagged), double)(1)).resolves.toBe('!4');
  });
});
