import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AuditActorView, AuditEventView } from '@loris/domain';

/** The domain's actor kinds as a GraphQL enum (same values, so views pass through unmapped). */
export enum AuditActorKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(AuditActorKind, { name: 'AuditActorKind', description: 'Who made a change' });

@ObjectType('AuditActor')
export class AuditActorModel implements AuditActorView {
  @Field(() => AuditActorKind)
  kind!: AuditActorKind;

  @Field(() => ID, { nullable: true, description: "The member's user id or the API key's id" })
  id!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The member's email or the key's name; null once no longer in the tenant",
  })
  label!: string | null;
}

@ObjectType('AuditEvent', { description: 'One change to the tenant, as it was recorded; never edited' })
export class AuditEventModel implements AuditEventView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What happened, as <object>.<verb>: dataset.created, api_key.revoked' })
  action!: string;

  @Field(() => AuditActorModel)
  actor!: AuditActorModel;

  @Field({ description: 'The kind of object: dataset, api_key, soundtrack_job, ...' })
  objectType!: string;

  @Field(() => ID, { nullable: true })
  objectId!: string | null;

  @Field(() => String, { nullable: true, description: 'The X-Request-Id of the request that made the change' })
  requestId!: string | null;

  // One JSON string rather than a list of pairs: a list inside a page would multiply the query's cost.
  @Field({ description: "The event's particulars, a flat JSON object: a dataset's name, a key's role, ..." })
  details!: string;

  @Field()
  occurredAt!: Date;
}
