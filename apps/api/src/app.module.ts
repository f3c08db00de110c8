import { DynamicModule, Module } from '@nestjs/common';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthEngineModule } from './engine/auth/auth.module';
import { RequestAuthenticator } from './engine/auth/request-authenticator.service';
import { AppConfig } from './engine/config/app-config';
import { ConfigModule } from './engine/config/config.module';
import { DatabaseModule } from './engine/database/database.module';
import { graphqlOptions } from './engine/graphql/graphql-options';
import { HealthModule } from './engine/health/health.module';
import { QueueModule } from './engine/queue/queue.module';
import { RedisModule } from './engine/redis/redis.module';
import { StorageModule } from './engine/storage/storage.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuthModule } from './modules/auth/auth.module';
import { DatasetsModule } from './modules/datasets/datasets.module';
import { GenresModule } from './modules/genres/genres.module';
import { MediaModule } from './modules/media/media.module';
import { MembersModule } from './modules/members/members.module';
import { SoundtracksModule } from './modules/soundtracks/soundtracks.module';
import { UploadsModule } from './modules/uploads/uploads.module';

/** The business modules; the worker imports the same ones for their jobs. */
export const DOMAIN_MODULES = [
  AuthModule,
  ApiKeysModule,
  MembersModule,
  DatasetsModule,
  GenresModule,
  SoundtracksModule,
  UploadsModule,
  MediaModule,
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
        AuthEngineModule,
        HealthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [RequestAuthenticator],
          useFactory: (authenticator: RequestAuthenticator) => graphqlOptions(config, authenticator),
        }),
        ...DOMAIN_MODULES,
      ],
    };
  }
}
