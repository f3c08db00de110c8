import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemaSdl, SCHEMA_FILE } from './print-schema';

describe('committed GraphQL schema', () => {
  it(`${SCHEMA_FILE} matches the resolvers (run \`npm run schema:generate\` after changing them)`, async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(await buildSchemaSdl()).toBe(committed);
  });
});
