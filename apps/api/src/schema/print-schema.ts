import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { ApiKeysResolver } from '../modules/api-keys/api-keys.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { SessionsResolver } from '../modules/auth/sessions.resolver';
import { DatasetsResolver } from '../modules/datasets/datasets.resolver';
import { EvaluationsResolver } from '../modules/evaluations/evaluations.resolver';
import { DatasetVersionsResolver } from '../modules/curation/dataset-versions.resolver';
import { SegmentsResolver } from '../modules/curation/segments.resolver';
import { VideosResolver } from '../modules/curation/videos.resolver';
import { ServingModelResolver } from '../modules/serving-model/serving-model.resolver';
import { MembersResolver } from '../modules/members/members.resolver';
import { ModelAliasesResolver, ModelsResolver } from '../modules/models/models.resolver';
import { QuotasResolver } from '../modules/quotas/quotas.resolver';
import { RatingResultsResolver, RatingsResolver } from '../modules/ratings/ratings.resolver';
import { SoundtracksResolver } from '../modules/soundtracks/soundtracks.resolver';
import { TrainingResolver } from '../modules/training/training.resolver';
import { UploadsResolver } from '../modules/uploads/uploads.resolver';

/** Every resolver class of the API. The integration suite checks the running app serves exactly this schema. */
export const RESOLVERS = [
  AuthResolver,
  SessionsResolver,
  ApiKeysResolver,
  MembersResolver,
  DatasetsResolver,
  VideosResolver,
  SegmentsResolver,
  DatasetVersionsResolver,
  ModelsResolver,
  ModelAliasesResolver,
  EvaluationsResolver,
  TrainingResolver,
  ServingModelResolver,
  SoundtracksResolver,
  AuditResolver,
  QuotasResolver,
  RatingsResolver,
  RatingResultsResolver,
  UploadsResolver,
];

export const SCHEMA_FILE = 'apps/api/schema.graphql';

const HEADER =
  '# Generated from the code-first resolvers of apps/api by `npm run schema:generate`; do not edit.\n' +
  '# A unit test fails when this file and the code disagree.\n\n';

/** The committed form of a schema: sorted, printed, with the header above. */
export function schemaSdl(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}

/** Builds the schema from the resolver classes alone: no database, Redis or HTTP needed. */
export async function buildSchemaSdl(): Promise<string> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await context.init();
    return schemaSdl(await context.get(GraphQLSchemaFactory).create(RESOLVERS));
  } finally {
    await context.close();
  }
}
