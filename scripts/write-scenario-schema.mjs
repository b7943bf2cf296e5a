// Part of `npm run build`: writes scenario.schema.json from the zod schema just compiled to dist/.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../dist/simulation/scenario-json-schema.js';

writeFileSync(
  new URL('../scenario.schema.json', import.meta.url),
  `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`,
);
