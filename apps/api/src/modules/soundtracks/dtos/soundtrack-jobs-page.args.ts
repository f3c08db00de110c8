import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { SoundtrackJobStatus } from '../../../server/graphql/register-enums';
import { PageArgs } from '../../../server/graphql/page.args';

@ArgsType()
export class SoundtrackJobsPageArgs extends PageArgs {
  @Field(() => SoundtrackJobStatus, { nullable: true, description: 'Only jobs with this status' })
  @IsOptional()
  status?: SoundtrackJobStatus;
}
