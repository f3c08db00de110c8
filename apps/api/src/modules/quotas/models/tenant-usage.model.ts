import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MonthUsageView, QuotaUsageView, TenantUsageView } from '@loris/domain';

/** The domain's quota kinds as a GraphQL enum (same values, so views pass through unmapped). */
export enum QuotaKind {
  AUDIO_SECONDS = 'AUDIO_SECONDS',
  CONCURRENT_JOBS = 'CONCURRENT_JOBS',
  STORED_BYTES = 'STORED_BYTES',
  TRAINING_MINUTES = 'TRAINING_MINUTES',
  EVALUATION_SAMPLES = 'EVALUATION_SAMPLES',
}
registerEnumType(QuotaKind, {
  name: 'QuotaKind',
  description:
    'What a limit counts: seconds of audio generated this month, jobs queued or running, bytes stored, ' +
    'training minutes this month, evaluation samples this month',
});

@ObjectType('QuotaUsage', { description: 'One limit of the tenant next to what it has used' })
export class QuotaUsageModel implements QuotaUsageView {
  @Field(() => QuotaKind)
  kind!: QuotaKind;

  // Float: stored bytes go past GraphQL's 32-bit Int.
  @Field(() => Float)
  used!: number;

  @Field(() => Float)
  limit!: number;

  @Field({ description: 'Counted per UTC month and renewed on the 1st (else it stands: jobs now, bytes stored)' })
  monthly!: boolean;

  @Field({ description: "The tenant's own limit, set by an operator, rather than the platform's default" })
  custom!: boolean;
}

@ObjectType('MonthUsage', { description: "A month's generation; FAILED jobs are not charged" })
export class MonthUsageModel implements MonthUsageView {
  @Field({ description: "The month's first instant, UTC" })
  month!: Date;

  @Field(() => Float)
  audioSeconds!: number;

  @Field(() => Int)
  jobs!: number;
}

@ObjectType('TenantUsage')
export class TenantUsageModel implements TenantUsageView {
  @Field({ description: 'This quota month, [periodStart, periodEnd), UTC' })
  periodStart!: Date;

  @Field()
  periodEnd!: Date;

  @Field(() => [QuotaUsageModel])
  quotas!: QuotaUsageModel[];

  @Field(() => [MonthUsageModel], { description: 'Months with any job, newest first, at most 12' })
  months!: MonthUsageModel[];
}
