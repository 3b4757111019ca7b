/** The JSON Schema of the config, generated from the zod schema for editor completion. */
import { z } from 'zod';
import { RootDocumentSchema } from './schema/root.js';

/** Where the committed schema lives, relative to the repository root. */
export const JSON_SCHEMA_PATH = 'schema/release-gates.schema.json';

/** The JSON Schema (draft 2020-12) of `.github/release-gates.yml`, as input. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RootDocumentSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12', reused: 'ref' });
  return {
    ...schema,
    $id: 'https://github.com/release-gates/release-gates/schema/release-gates.schema.json',
    title: 'release-gates config (.github/release-gates.yml)',
  };
}
