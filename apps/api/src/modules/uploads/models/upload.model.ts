import { ArgsType, Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsArray, IsEnum, IsOptional } from 'class-validator';
import { UploaderKind, UploadKind, type UploadView } from '@loris/domain';
import { PageArgs } from '../../../server/graphql/page.args';
import { PageInfo } from '../../../server/graphql/page-info.model';

registerEnumType(UploadKind, {
  name: 'UploadKind',
  description: 'What POST /v1/uploads found a file to be: POSES ({fps, keypoints}), WAV, VIDEO, I3D_FEATURES (.npy)',
});

registerEnumType(UploaderKind, {
  name: 'UploaderKind',
  description:
    'Who sent an upload: a MEMBER of the workspace, a FORMER_MEMBER (left, removed, or the account deleted), an API_KEY',
});

@ObjectType('Upload', { description: 'A file a member or an API key uploaded (POST /v1/uploads)' })
export class UploadModel implements UploadView {
  @Field(() => ID)
  id!: string;

  @Field(() => UploadKind)
  kind!: UploadKind;

  @Field(() => String, { nullable: true, description: "The file's own name as sent (X-File-Name)" })
  fileName!: string | null;

  @Field(() => Float, { description: 'Size in bytes' })
  bytes!: number;

  @Field()
  mediaType!: string;

  @Field(() => Float, { nullable: true, description: 'Seconds a pose track or video covers' })
  durationSeconds!: number | null;

  @Field()
  createdAt!: Date;

  @Field(() => UploaderKind, { description: 'Still listed once the uploader has left the workspace' })
  uploadedBy!: UploaderKind;

  @Field(() => String, { nullable: true, description: "MEMBER: the member's email" })
  uploaderEmail!: string | null;
}

@ObjectType('UploadEdge')
export class UploadEdge {
  @Field()
  cursor!: string;

  @Field(() => UploadModel)
  node!: UploadModel;
}

@ObjectType('UploadConnection', { description: 'A page of uploads, newest first' })
export class UploadConnection {
  @Field(() => [UploadEdge])
  edges!: UploadEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ArgsType()
export class UploadsArgs extends PageArgs {
  @Field(() => [UploadKind], { nullable: true, description: 'Only these kinds; default every kind' })
  @IsOptional()
  @IsArray()
  @IsEnum(UploadKind, { each: true })
  kinds?: UploadKind[];
}

