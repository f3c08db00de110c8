import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { SoundtrackJobStatus } from '../../../engine/graphql/register-enums';
import { DatasetsPageArgs } from '../../datasets/dtos/datasets-page.args';

@ArgsType()
export class SoundtrackJobsPageArgs extends DatasetsPageArgs {
  @Field(() => SoundtrackJobStatus, { nullable: true, description: 'Only jobs with this status' })
  @IsOptional()
  status?: SoundtrackJobStatus;
}
