import { InitialSchema1764100000000 } from './1764100000000-initial-schema';

/** Every migration, oldest first. Schema changes go through a new file here, never `synchronize`. */
export const MIGRATIONS = [InitialSchema1764100000000];
export { AUTH_FUNCTIONS } from './1764100000000-initial-schema';
