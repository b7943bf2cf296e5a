import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { closestMatch } from '../../src/cli/closest-match.js';
import { UsageError } from '../../src/cli/usage-error.js';

function refusal(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('the command line', () => {
  it('reads simulate with a file and every option, in any order, with = or a separate value', () => {
    const args = parseCliArgs([
      '--seed=9',
      'simulate',
      'a.json',
      '--devices',
      '20',
      '--max-sessions',
      'none',
      '--hours',
      '1.5',
      '--json',
      '--trace',
      'user3',
      '--mermaid',
      'x.mmd',
      '--pcap',
      'x.pcap',
      '--no-progress',
    ]);
    expect(args).toEqual({
      command: 'simulate',
      file: 'a.json',
      seed: 9,
      devices: 20,
      maxSessions: null,
      hours: 1.5,
      json: true,
      trace: 'user3',
      mermaid: 'x.mmd',
      pcap: 'x.pcap',
      progress: false,
    });
    expect(parseCliArgs(['simulate', '--seed', '-5']).seed).toBe(-5);
    expect(parseCliArgs(['simulate', '--seed', 'abc']).seed).toBe('abc');
    expect(parseCliArgs(['simulate']).progress).toBe(true);
  });

  it('reads trace <device> [file]', () => {
    expect(parseCliArgs(['trace', '21000003', 'x.json', '--devices', '10'])).toMatchObject({
      command: 'trace',
      trace: '21000003',
      file: 'x.json',
      devices: 10,
    });
    expect(parseCliArgs(['trace', '3', '--pcap', 'login.pcap'])).toMatchObject({
      command: 'trace',
      trace: '3',
      pcap: 'login.pcap',
    });
    expect(refusal(['trace'])).toBe('trace needs a device: bes-collab trace <device> [scenario.json]');
    expect(refusal(['trace', '3', '--trace', '4'])).toBe('--trace is an option of "simulate", not of "trace"');
  });

  it('knows --version, -v, --help, -h and the help and version commands', () => {
    for (const argv of [['--version'], ['-v'], ['version'], ['simulate', '-v']])
      expect(parseCliArgs(argv).command).toBe('version');
    for (const argv of [['--help'], ['-h'], ['help'], ['simulate', '--help'], ['trace', '-h']])
      expect(parseCliArgs(argv).command).toBe('help');
  });

  it('answers an unknown option in its own words, with the closest match', () => {
    expect(refusal(['simulate', '--seeds', '3'])).toBe('unknown option --seeds; did you mean --seed?');
    expect(refusal(['simulate', '--max-session', '3'])).toBe(
      'unknown option --max-session; did you mean --max-sessions?',
    );
    expect(refusal(['simulate', '--devcies', '3'])).toBe('unknown option --devcies; did you mean --devices?');
    expect(refusal(['simulate', '--max', '3'])).toBe('unknown option --max; did you mean --max-sessions?');
    expect(refusal(['simulate', '--colour'])).toBe(
      'unknown option --colour; run "bes-collab --help" for the commands and options',
    );
    expect(refusal(['simulate', '-x'])).toBe('unknown option -x; run "bes-collab --help" for the commands and options');
  });

  it('answers an unknown command with the closest one, and no command with a hint', () => {
    expect(refusal(['simulat'])).toBe('unknown command "simulat"; did you mean simulate?');
    expect(refusal(['tarce', '3'])).toBe('unknown command "tarce"; did you mean trace?');
    expect(refusal(['sametime-sever'])).toBe('unknown command "sametime-sever"; did you mean sametime-server?');
    expect(refusal(['run'])).toBe('unknown command "run"; run "bes-collab --help" for the commands and options');
    expect(refusal([])).toBe('no command given; run "bes-collab --help" for the commands and options');
  });

  it('says which value is missing or out of place', () => {
    expect(refusal(['simulate', '--seed'])).toBe('--seed needs a value: --seed <n>');
    expect(refusal(['simulate', '--mermaid', '--json'])).toBe('--mermaid needs a value: --mermaid <file>');
    expect(refusal(['simulate', '--json=yes'])).toBe('--json takes no value, got "yes"');
    expect(refusal(['simulate', '--devices', '0'])).toBe('--devices must be a whole number above 0, got "0"');
    expect(refusal(['simulate', '--hours', 'x'])).toBe('--hours must be a number above 0, got "x"');
    expect(refusal(['simulate', 'a.json', 'b.json'])).toBe('one scenario file at most, got also "b.json"');
  });
});

describe('closestMatch', () => {
  it('finds the word one or two edits away, or the only one the typed text begins, and nothing far off', () => {
    expect(closestMatch('seeds', ['seed', 'devices'])).toBe('seed');
    expect(closestMatch('jsno', ['json', 'trace'])).toBe('json');
    expect(closestMatch('mer', ['mermaid', 'max-sessions'])).toBe('mermaid');
    expect(closestMatch('m', ['mermaid', 'max-sessions'])).toBeUndefined();
    expect(closestMatch('banana', ['seed', 'json'])).toBeUndefined();
  });
});
