/** `release-gates schema`: print the config's JSON Schema. */
import { configJsonSchema } from '../../config/json-schema.js';
import type { Output } from '../../io/output.js';

export function schemaCommand(output: Output): number {
  output.out(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  return 0;
}
