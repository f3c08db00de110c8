import { Module } from '@nestjs/common';
import { QuotasModule } from '@loris/domain';
import { QuotasResolver } from './quotas.resolver';

@Module({ imports: [QuotasModule], providers: [QuotasResolver] })
export class QuotasApiModule {}
