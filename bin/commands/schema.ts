// `leadsim schema`: the JSON Schema of scenario files, for editors with a YAML language server.
import { scenarioJsonSchema } from '../../sim/scenario/schema.js';

export function schemaCommand(): number {
  process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  return 0;
}
