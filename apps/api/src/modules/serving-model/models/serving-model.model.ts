import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { GenreModel } from './genre.model';

@ObjectType('ServingModel', {
  description: 'The model that generates soundtracks, and the defaults requestSoundtrack uses for what is left out',
})
export class ServingModelModel {
  @Field(() => ID, { description: 'The registry version (ModelVersion.id) a request is served by' })
  versionId!: string;

  @Field({ description: 'How it was chosen: by id, by an alias, or the built-in as the fallback' })
  via!: string;

  @Field()
  name!: string;

  @Field()
  version!: string;

  @Field(() => [GenreModel], { description: 'Its genre vocabulary, as `genres` lists it' })
  genres!: GenreModel[];

  @Field(() => Float, {
    description: 'The length of one training segment; a request without `seconds` gets its input\'s own length',
  })
  segmentSeconds!: number;

  @Field(() => Float, { description: 'The longest `seconds` a request may ask for' })
  maxSeconds!: number;

  @Field(() => Float, {
    description:
      'The length the model generates in one pass; a longer request is generated in windows of this length that continue each other',
  })
  windowSeconds!: number;

  @Field(() => Float, { description: 'The length consecutive windows of a long request share (crossfaded)' })
  overlapSeconds!: number;

  @Field(() => Int, { description: 'Sample rate of the delivered WAV' })
  outputSampleRate!: number;

  @Field({ description: 'The default `sampler`' })
  sampler!: string;

  @Field(() => Int, { description: 'The default `steps`' })
  steps!: number;

  @Field(() => Float, { description: 'The default `guidance` (classifier-free guidance scale)' })
  guidance!: number;
}
