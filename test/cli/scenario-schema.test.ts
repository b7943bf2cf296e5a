import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseScenario, scenarioJsonSchema } from '../../src/simulation/index.js';

const root = new URL('../../', import.meta.url);
const committed = JSON.parse(readFileSync(new URL('scenario.schema.json', root), 'utf8')) as Record<string, unknown>;
const examples = ['capacity-planning.json', 'no-maximum.json', 'groupwise.json'].map((name) => ({
  name,
  scenario: JSON.parse(readFileSync(new URL(`examples/${name}`, root), 'utf8')) as Record<string, unknown>,
}));

interface JsonSchemaNode {
  readonly description?: string;
  readonly properties?: Record<string, JsonSchemaNode>;
}

/** Every property of the schema, at every depth, as `[dotted path, node]`. */
function properties(node: JsonSchemaNode, prefix = ''): Array<[string, JsonSchemaNode]> {
  return Object.entries(node.properties ?? {}).flatMap(([name, child]) => [
    [`${prefix}${name}`, child] as [string, JsonSchemaNode],
    ...properties(child, `${prefix}${name}.`),
  ]);
}

const validate = new Ajv2020({ allErrors: true, strict: true, strictTypes: false }).compile(committed);

describe('scenario.schema.json', () => {
  it('is what the zod schema generates (npm run build writes it)', () => {
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('describes every field at every level, and the format itself', () => {
    const fields = properties(committed as JsonSchemaNode);
    expect(fields.map(([path]) => path)).toEqual(
      expect.arrayContaining(['$schema', 'name', 'bes.maxSessions', 'users.count', 'behaviour.coverage.minutesOut']),
    );
    expect(fields.length).toBe(27);
    for (const [path, node] of fields) expect(node.description, path).toMatch(/^\S.{10,}/);
    expect(committed['title']).toBe('bes-collab scenario');
    expect(committed['description']).toEqual(expect.any(String));
  });

  it('accepts the default scenario, the examples (which point at it) and a "$schema" key', () => {
    expect(validate({})).toBe(true);
    for (const { name, scenario } of examples) {
      expect(scenario['$schema'], name).toBe('../scenario.schema.json');
      expect(validate(scenario), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const { $schema: _, ...filledIn } = { $schema: 'x', ...parseScenario({}) };
    expect(validate(filledIn)).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a count below 1', { users: { count: 0 } }],
    ['a count above 10,000,000', { users: { count: 20_000_000 } }],
    ['a maximum of the wrong type', { bes: { maxSessions: 'many' } }],
    ['an unknown field', { behaviour: { sessionMinute: 30 } }],
    ['a share above 1', { users: { permittedShare: 1.5 } }],
    ['a $schema that is not a string', { $schema: 3 }],
  ])('refuses %s, as the scenario parser does', (_, input) => {
    expect(validate(input)).toBe(false);
    expect(() => parseScenario(input)).toThrow(ConfigError);
  });
});

describe('parseScenario', () => {
  it('accepts a "$schema" key and leaves it out of the scenario', () => {
    const scenario = parseScenario({ $schema: '../scenario.schema.json', name: 'with a schema' });
    expect(scenario.name).toBe('with a schema');
    expect('$schema' in scenario).toBe(false);
  });

  it('refuses null and anything else that is not an object, naming the scenario', () => {
    for (const input of [null, 3, 'scenario', [], true]) {
      expect(() => parseScenario(input)).toThrow(/^invalid scenario: scenario: Invalid input: expected object/);
    }
  });
});
