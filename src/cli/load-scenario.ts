import { readFile } from 'node:fs/promises';
import { ConfigError } from '../config/config-error.js';
import { parseScenario, scenarioSchema, type Scenario } from '../simulation/scenario.js';
import type { CliArgs } from './args.js';
import { PACKAGE_ROOT } from './usage.js';
import { UsageError } from './usage-error.js';

/** `examples/<name>.json` where there is no such file: the example shipped in the package. */
function shippedExample(file: string): URL | undefined {
  const name = /^(?:\.\/)?examples\/([\w.-]+\.json)$/.exec(file)?.[1];
  return name === undefined ? undefined : new URL(`examples/${name}`, PACKAGE_ROOT);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const example = code === 'ENOENT' ? shippedExample(file) : undefined;
    if (example !== undefined) {
      try {
        return await readFile(example, 'utf8');
      } catch {
        // Not one of the package's examples either.
      }
    }
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`);
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readText(file);
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const found = json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
    throw new UsageError(`${file}: a scenario file holds one JSON object ({} for the default scenario), not ${found}`);
  }
  return json;
}

function validate(source: string, input: unknown): Scenario {
  try {
    return parseScenario(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(`${source}: ${error.message}`);
  }
}

/** A value as typed, cut to 40 characters: an error message quotes it, and a seed can be long. */
function shortened(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 40)}... (${text.length} characters)`;
}

/** The flags that set a scenario field, by the field's path, with the text as the user typed it. */
function flagsGiven(args: CliArgs): Map<string, string> {
  const flags = new Map<string, string>();
  if (args.seed !== undefined) flags.set('seed', `--seed ${shortened(String(args.seed))}`);
  if (args.hours !== undefined) flags.set('hours', `--hours ${args.hours}`);
  if (args.devices !== undefined) flags.set('users.count', `--devices ${args.devices}`);
  if (args.maxSessions !== undefined) flags.set('bes.maxSessions', `--max-sessions ${args.maxSessions ?? 'none'}`);
  return flags;
}

/**
 * The flags on top of a valid scenario. A value the scenario refuses is reported under the flag
 * the user typed (`--devices 200000: Too big: ...`), not the field it sets.
 */
function withFlags(source: string, base: Scenario, args: CliArgs): Scenario {
  const merged = {
    ...base,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.hours === undefined ? {} : { hours: args.hours }),
    users: { ...base.users, ...(args.devices === undefined ? {} : { count: args.devices }) },
    bes: { ...base.bes, ...(args.maxSessions === undefined ? {} : { maxSessions: args.maxSessions }) },
  };
  const checked = scenarioSchema.safeParse(merged);
  if (checked.success) return parseScenario(merged);
  const flags = flagsGiven(args);
  const problems = checked.error.issues.map((issue) => {
    const field = ['scenario', ...issue.path.map(String)].join('.');
    return `${flags.get(field.slice('scenario.'.length)) ?? `${source}: ${field}`}: ${issue.message}`;
  });
  throw new UsageError(problems.join('; '));
}

/** The scenario to run: the file's (or the built-in default), then the flags on top. */
export async function loadScenario(args: CliArgs): Promise<Scenario> {
  const source = args.file ?? 'the default scenario';
  const base = validate(source, args.file === undefined ? {} : await readJson(args.file));
  return withFlags(source, base, args);
}
