import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError } from '@loris/engine';
import { inputRuleViolation } from './input-rule';

/**
 * Every resolver argument, in this order: the input rule (text Postgres can store, numbers in range) on
 * the raw value, then class-validator on every input type, the messages of all failed constraints in one
 * BAD_USER_INPUT. Global, so arguments added later are covered without anything to remember.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      exceptionFactory: (errors: ValidationError[]) => new BadUserInputError(collect(errors).join('; ')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameter decorators (the caller's tenant) carry what the server built, not client input.
    if (metadata.type !== 'custom') {
      const violation = inputRuleViolation(value, metadata.data ?? '');
      if (violation) throw new BadUserInputError(violation);
    }
    return super.transform(value, metadata);
  }
}

export function inputValidationPipe(): ValidationPipe {
  return new InputValidationPipe();
}

function collect(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...collect(e.children ?? [])]);
}
