import { z } from 'zod';
import { scenarioSchema } from './scenario.js';

/**
 * The scenario format as a JSON Schema (draft 2020-12), generated from the zod schema the CLI and
 * `runScenario` validate with: every field optional, with its default and its description. The
 * package ships it as `bes-collab/scenario.schema.json`, for editors (`"$schema"` in a scenario
 * file). The one rule it cannot say, a maximum above the Sametime limit, zod still checks.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' });
}
