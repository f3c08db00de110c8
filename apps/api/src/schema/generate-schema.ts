// `npm run schema:generate`: rewrites apps/api/schema.graphql from the resolvers (run from the repo root).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildSchemaSdl, SCHEMA_FILE } from './print-schema';

buildSchemaSdl()
  .then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    console.log(`wrote ${SCHEMA_FILE}`);
  })
  .catch((error: Error) => {
    console.error(`Schema generation failed: ${error.message}`);
    process.exit(1);
  });
