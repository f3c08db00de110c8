import { Query, Resolver } from '@nestjs/graphql';
import { ServingModelService } from '@loris/domain';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { GenreModel } from './models/genre.model';
import { ServingModelModel } from './models/serving-model.model';

@Roles(...ANY_ROLE)
@Resolver(() => GenreModel)
export class ServingModelResolver {
  constructor(private readonly model: ServingModelService) {}

  @Query(() => [GenreModel], { description: 'The genres the serving model can generate' })
  async genres(): Promise<GenreModel[]> {
    return (await this.model.describe()).genres;
  }

  // Clients (the console's Generate form among them) show what a request gets when it leaves a field out.
  @Query(() => ServingModelModel, { description: 'The serving model and its request defaults' })
  servingModel(): Promise<ServingModelModel> {
    return this.model.describe();
  }
}
