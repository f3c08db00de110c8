import { Module } from '@nestjs/common';
import { MembersModule } from '@loris/domain';
import { MembersResolver } from './members.resolver';

@Module({ imports: [MembersModule], providers: [MembersResolver] })
export class MembersApiModule {}
