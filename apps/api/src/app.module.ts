import { DynamicModule, Module } from '@nestjs/common';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import {
  AppConfig,
  ConfigModule,
  CredentialsModule,
  DatabaseModule,
  EventsModule,
  MetricsModule,
  QueueModule,
  RedisModule,
  StorageModule,
} from '@loris/engine';
import { ApiKeysApiModule } from './modules/api-keys/api-keys.module';
import { AuditApiModule } from './modules/audit/audit.module';
import { AuthApiModule } from './modules/auth/auth.module';
import { CurationApiModule } from './modules/curation/curation.module';
import { DatasetsApiModule } from './modules/datasets/datasets.module';
import { EvaluationsApiModule } from './modules/evaluations/evaluations-api.module';
import { TrainingApiModule } from './modules/training/training-api.module';
import { MediaApiModule } from './modules/media/media.module';
import { MembersApiModule } from './modules/members/members.module';
import { ModelsApiModule } from './modules/models/models.module';
import { QuotasApiModule } from './modules/quotas/quotas.module';
import { RatingsApiModule } from './modules/ratings/ratings-api.module';
import { ServingModelApiModule } from './modules/serving-model/serving-model.module';
import { SoundtracksApiModule } from './modules/soundtracks/soundtracks.module';
import { UploadsApiModule } from './modules/uploads/uploads.module';
import { EdgeAuthModule } from './server/auth/auth.module';
import { graphqlOptions } from './server/graphql/graphql-options';
import { SocketModule } from './server/ws/socket.module';
import { HealthModule } from './server/health/health.module';
import { ApiMetricsModule } from './server/metrics/api-metrics.module';

/** The API's doors: each imports its domain (libs/domain) and adds resolvers or HTTP routes. */
export const API_MODULES = [
  AuthApiModule,
  ApiKeysApiModule,
  MembersApiModule,
  DatasetsApiModule,
  CurationApiModule,
  ModelsApiModule,
  EvaluationsApiModule,
  TrainingApiModule,
  ServingModelApiModule,
  SoundtracksApiModule,
  UploadsApiModule,
  RatingsApiModule,
  MediaApiModule,
  AuditApiModule,
  QuotasApiModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        StorageModule,
        QueueModule.forProducer(),
        EventsModule,
        CredentialsModule,
        EdgeAuthModule,
        HealthModule,
        ...(config.metrics.enabled ? [MetricsModule.forRoot(), ApiMetricsModule] : []),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          useFactory: () => graphqlOptions(config),
        }),
        SocketModule,
        ...API_MODULES,
      ],
    };
  }
}
