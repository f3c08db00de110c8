import { Module } from '@nestjs/common';
import { ApiKeysModule } from '@loris/domain';
import { ApiKeysResolver } from './api-keys.resolver';

@Module({ imports: [ApiKeysModule], providers: [ApiKeysResolver] })
export class ApiKeysApiModule {}
