import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { DatasetModel } from './dataset.model';

@ObjectType()
export class DatasetEdge {
  @Field()
  cursor!: string;

  @Field(() => DatasetModel)
  node!: DatasetModel;
}

@ObjectType({ description: 'A page of datasets, newest first' })
export class DatasetConnection {
  @Field(() => [DatasetEdge])
  edges!: DatasetEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
