import { Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, Roles } from '../../engine/auth/roles.decorator';
import { MAX_REQUEST_SECONDS } from '../soundtracks/dtos/request-soundtrack.input';
import { GenreModel } from './models/genre.model';
import { ServingModelModel } from './models/serving-model.model';
import { ServingModelService } from './serving-model.service';

@Roles(...ANY_ROLE)
@Resolver(() => GenreModel)
export class GenresResolver {
  constructor(private readonly model: ServingModelService) {}

  @Query(() => [GenreModel], { description: 'The genres the serving model can generate' })
  async genres(): Promise<GenreModel[]> {
    const { genres } = await this.model.contract();
    return genres.map((name, index) => ({ name, index }));
  }

  // Clients (the console's Generate form among them) show what a request gets when it leaves a field out.
  @Query(() => ServingModelModel, { description: 'The serving model and its request defaults' })
  async servingModel(): Promise<ServingModelModel> {
    const contract = await this.model.contract();
    return {
      name: contract.name,
      version: contract.version,
      genres: contract.genres.map((name, index) => ({ name, index })),
      segmentSeconds: await this.model.segmentSeconds(),
      maxSeconds: MAX_REQUEST_SECONDS,
      outputSampleRate: contract.outputSampleRate,
      sampler: contract.sampler.name,
      steps: contract.sampler.steps,
      guidance: contract.sampler.guidanceScale,
    };
  }
}
