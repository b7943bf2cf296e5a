import { readFile } from 'node:fs/promises';
import { ConfigError } from '../config/config-error.js';
import { parseScenario, type Scenario } from '../simulation/scenario.js';
import type { CliArgs } from './args.js';
import { UsageError } from './usage-error.js';

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function validate(source: string, input: unknown): Scenario {
  try {
    return parseScenario(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(`${source}: ${error.message}`);
  }
}

/** The scenario to run: the file's (or the built-in default), then the flags on top. */
export async function loadScenario(args: CliArgs): Promise<Scenario> {
  const source = args.file ?? 'the default scenario';
  const base = validate(source, args.file === undefined ? {} : await readJson(args.file));
  return validate(`${source} with the flags given`, {
    ...base,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.hours === undefined ? {} : { hours: args.hours }),
    users: { ...base.users, ...(args.devices === undefined ? {} : { count: args.devices }) },
    bes: { ...base.bes, ...(args.maxSessions === undefined ? {} : { maxSessions: args.maxSessions }) },
  });
}
