import { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; our bigint columns (bytes, seeds) stay below 2^53. */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
