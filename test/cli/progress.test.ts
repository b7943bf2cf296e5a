import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('progressBar', () => {
  it('writes nothing when standard error is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    const bar = progressBar(stream);
    bar.update({ atMs: 1, endMs: 2, loginsTried: 3 });
    bar.done();
    expect(written).toEqual([]);
  });

  it('stays quiet for a short run, then draws on a terminal and clears the line at the end', () => {
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const { stream, written } = fakeStream(true);
    const bar = progressBar(stream);
    bar.update({ atMs: 1_000, endMs: 10_000, loginsTried: 5 });
    expect(written).toEqual([]);
    now += 1000;
    bar.update({ atMs: 5_000, endMs: 10_000, loginsTried: 1234 });
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('50%');
    expect(written[0]).toContain('1,234 logins');
    bar.done();
    expect(written.at(-1)).toBe('\r\x1b[K');
  });
});
