import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ModelVersionSource } from '@loris/db';
import type {
  ModelAliasMoveView,
  ModelAliasView,
  ModelContractSummary,
  ModelProvenanceView,
  ModelVersionView,
  ModelView,
} from '@loris/domain';
import { PageInfo } from '../../../server/graphql/page-info.model';

registerEnumType(ModelVersionSource, {
  name: 'ModelVersionSource',
  description: 'BUILTIN: the shipped default; UPLOADED: pushed by a member or key; TRAINED: by a training run',
});

@ObjectType('Model', { description: 'A named line of model versions; the built-in one is shared and read-only' })
export class ModelModel implements ModelView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  builtIn!: boolean;

  @Field(() => Int)
  versionCount!: number;

  @Field()
  createdAt!: Date;
}

@ObjectType('ModelFile', { description: 'One file of a version, stored by its sha256' })
export class ModelFileModel {
  @Field()
  name!: string;

  @Field()
  sha256!: string;

  @Field(() => Float)
  bytes!: number;
}

@ObjectType('ModelContractSummary', { description: 'What a version’s model.json says, in a few figures' })
export class ModelContractSummaryModel implements ModelContractSummary {
  @Field()
  name!: string;

  @Field()
  version!: string;

  @Field(() => Int)
  sampleRate!: number;

  @Field(() => Float)
  segmentSeconds!: number;

  @Field(() => [String], { description: 'The genre vocabulary, in index order' })
  genres!: string[];

  @Field()
  visualKind!: string;

  @Field()
  rhythmVariant!: string;

  @Field()
  sampler!: string;

  @Field(() => Int)
  steps!: number;

  @Field(() => Float)
  guidance!: number;
}

@ObjectType('ModelProvenance', { description: 'Where a version came from' })
export class ModelProvenanceModel implements ModelProvenanceView {
  @Field(() => ModelVersionSource)
  source!: ModelVersionSource;

  @Field(() => ID, { nullable: true, description: 'The member who registered it' })
  createdBy!: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key that registered it' })
  createdByApiKey!: string | null;

  @Field(() => ID, { nullable: true, description: 'TRAINED: the dataset version it was trained on' })
  datasetVersionId!: string | null;

  @Field(() => ID, { nullable: true, description: 'TRAINED: the training run' })
  trainingRunId!: string | null;
}

@ObjectType('ModelVersion', { description: 'An immutable model version: its files, contract and provenance' })
export class ModelVersionModel implements ModelVersionView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  modelId!: string;

  @Field()
  modelName!: string;

  @Field(() => Int, { description: '1, 2, ... per model' })
  number!: number;

  @Field({ description: 'The card’s name@version' })
  label!: string;

  @Field()
  builtIn!: boolean;

  @Field(() => String, { nullable: true, description: 'sha256 of its model.json; null for the built-in' })
  cardSha256!: string | null;

  @Field(() => [ModelFileModel])
  files!: ModelFileModel[];

  @Field(() => ModelContractSummaryModel)
  contract!: ModelContractSummaryModel;

  @Field(() => ModelProvenanceModel)
  provenance!: ModelProvenanceModel;

  @Field({ description: 'When it was registered' })
  createdAt!: Date;
}

@ObjectType()
export class ModelEdge {
  @Field()
  cursor!: string;

  @Field(() => ModelModel)
  node!: ModelModel;
}

@ObjectType({ description: 'A page of models, the built-in first, then oldest first' })
export class ModelConnection {
  @Field(() => [ModelEdge])
  edges!: ModelEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class ModelVersionEdge {
  @Field()
  cursor!: string;

  @Field(() => ModelVersionModel)
  node!: ModelVersionModel;
}

@ObjectType({ description: 'A page of a model’s versions, newest first' })
export class ModelVersionConnection {
  @Field(() => [ModelVersionEdge])
  edges!: ModelVersionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('ModelAliasMove', { description: 'One move of an alias' })
export class ModelAliasMoveModel implements ModelAliasMoveView {
  @Field(() => ID, { nullable: true, description: 'Null when the move created the alias' })
  fromVersionId!: string | null;

  @Field(() => ID)
  toVersionId!: string;

  @Field(() => ID, { nullable: true })
  movedBy!: string | null;

  @Field(() => ID, { nullable: true })
  movedByApiKey!: string | null;

  @Field()
  movedAt!: Date;
}

@ObjectType('ModelAlias', { description: 'A name (production, staging, ...) that points at one version' })
export class ModelAliasModel implements ModelAliasView {
  @Field()
  name!: string;

  @Field(() => ID)
  versionId!: string;

  // Resolved by ModelAliasesResolver.history, which takes `first`.
  history!: ModelAliasMoveModel[];

  @Field()
  updatedAt!: Date;
}
