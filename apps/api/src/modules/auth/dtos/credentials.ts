import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, Length, MaxLength } from 'class-validator';

// Field rules shared by every input that carries an email or sets a password.
export const EmailRule = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsEmail({}, { message: 'email must be an email address, like ada@example.com' }),
    MaxLength(254, { message: 'email must be at most 254 characters long' }),
  );

export const NewPasswordRule = () =>
  Length(10, 200, { message: 'password must be between 10 and 200 characters long' });
