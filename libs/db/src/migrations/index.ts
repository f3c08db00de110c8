import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { Soundtracks1764200000000 } from './1764200000000-soundtracks';
import { RequestLengths1764300000000 } from './1764300000000-request-lengths';
import { JobReaper1764450000000 } from './1764450000000-job-reaper';
import { AuditLog1764600000000 } from './1764600000000-audit-log';

/** Every migration, oldest first. Schema changes go through a new file here, never `synchronize`. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  Soundtracks1764200000000,
  RequestLengths1764300000000,
  JobReaper1764450000000,
  AuditLog1764600000000,
];
export { AUTH_FUNCTIONS } from './1764100000000-initial-schema';
export { REAPER_FUNCTIONS } from './1764450000000-job-reaper';
export { APPEND_ONLY_TABLES } from './1764600000000-audit-log';
