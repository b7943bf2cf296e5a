import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/pipeline/pipeline-error.js';
import { chain, type Filter, type Stage } from '../../src/pipeline/stage.js';

const double: Stage<number, number> = async (n) => n * 2;

describe('chain', () => {
  it('lets a filter change the message on the way in and the reply on the way out', async () => {
    const parse: Filter<string, string, number, number> = async (text, next) => `=${await next(Number(text))}`;
    await expect(chain(parse, double)('21')).resolves.toBe('=42');
  });

  it('composes filters in order, outermost first', async () => {
    const seen: string[] = [];
    const tag =
      (name: string): Filter<number, number, number, number> =>
      async (n, next) => {
        seen.push(`${name} in`);
        const out = await next(n + 1);
        seen.push(`${name} out`);
        return out;
      };
    await expect(chain(tag('a'), chain(tag('b'), double))(1)).resolves.toBe(6);
    expect(seen).toEqual(['a in', 'b in', 'b out', 'a out']);
  });

  it('lets a filter answer without calling next', async () => {
    let called = false;
    const next: Stage<number, number> = async (n) => {
      called = true;
      return n;
    };
    const answer: Filter<number, number, number, number> = async () => -1;
    await expect(chain(answer, next)(5)).resolves.toBe(-1);
    expect(called).toBe(false);
  });

  it('rejects a filter that calls next twice for one message, naming the filter', async () => {
    const twice: Filter<number, number, number, number> = async function retrying(n, next) {
      await next(n);
      return next(n);
    };
    const error = await chain(twice, double)(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe('next-called-twice');
    expect((error as PipelineError).message).toContain('retrying');
  });

  it('allows next once per message, message after message', async () => {
    const pass: Filter<number, number, number, number> = (n, next) => next(n);
    const stage = chain(pass, double);
    await expect(Promise.all([stage(1), stage(2), stage(3)])).resolves.toEqual([2, 4, 6]);
  });
});
