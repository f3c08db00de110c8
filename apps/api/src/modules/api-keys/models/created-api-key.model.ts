import { Field, ObjectType } from '@nestjs/graphql';
import { ApiKeyModel } from './api-key.model';

@ObjectType('CreatedApiKey', { description: 'A key just created or rotated, with its new secret' })
export class CreatedApiKeyModel {
  @Field({ description: 'Send as the X-API-Key header. Shown this once: only its hash is stored' })
  secret!: string;

  @Field(() => ApiKeyModel)
  apiKey!: ApiKeyModel;
}
