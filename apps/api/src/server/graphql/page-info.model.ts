import { Field, ObjectType } from '@nestjs/graphql';

/** The largest page any list returns; also the cost multiplier of a page size given as a variable. */
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Relay-style cursor pagination state' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page' })
  endCursor!: string | null;
}
