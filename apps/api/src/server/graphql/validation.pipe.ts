import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError } from '@loris/engine';

/** class-validator on every input type; the messages of all failed constraints, in one BAD_USER_INPUT. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    exceptionFactory: (errors: ValidationError[]) => new BadUserInputError(collect(errors).join('; ')),
  });
}

function collect(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...collect(e.children ?? [])]);
}
