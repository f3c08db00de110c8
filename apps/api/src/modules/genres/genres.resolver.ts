import { Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, Roles } from '../../engine/auth/roles.decorator';
import { GenreModel } from './models/genre.model';
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
}
