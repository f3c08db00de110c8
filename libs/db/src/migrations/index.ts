import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { Soundtracks1764200000000 } from './1764200000000-soundtracks';
import { RequestLengths1764300000000 } from './1764300000000-request-lengths';
import { JobReaper1764450000000 } from './1764450000000-job-reaper';
import { AuditLog1764600000000 } from './1764600000000-audit-log';
import { JobPage1764700000000 } from './1764700000000-job-page';
import { MembersAdmin1764800000000 } from './1764800000000-members-admin';
import { KeysAndSessions1764900000000, KEYS_AND_SESSIONS_FUNCTIONS } from './1764900000000-keys-and-sessions';
import { QuotasAndUsage1765000000000 } from './1765000000000-quotas-and-usage';
import { Curation1765100000000 } from './1765100000000-curation';
import { SegmentImports1765200000000 } from './1765200000000-segment-imports';
import {
  ModelRegistry1765361500000,
  MODEL_REGISTRY_APPEND_ONLY_TABLES,
} from './1765361500000-model-registry';
import { JobRequestedAlias1765370000000 } from './1765370000000-job-requested-alias';
import { TrainingRuns1765400000000 } from './1765400000000-training-runs';
import { Evaluations1765500000000, EVALUATION_APPEND_ONLY_TABLES } from './1765500000000-evaluations';
import { Ratings1765600000000, RATING_APPEND_ONLY_TABLES, RATING_FUNCTIONS } from './1765600000000-ratings';
import { RatingVideos1765650000000 } from './1765650000000-rating-videos';
import { UploadMarks1765700000000 } from './1765700000000-upload-marks';
import { APPEND_ONLY_TABLES as AUDIT_APPEND_ONLY_TABLES } from './1764600000000-audit-log';
import { AUTH_FUNCTIONS as INITIAL_AUTH_FUNCTIONS } from './1764100000000-initial-schema';

/** Every migration, oldest first. Schema changes go through a new file here, never `synchronize`. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  Soundtracks1764200000000,
  RequestLengths1764300000000,
  JobReaper1764450000000,
  AuditLog1764600000000,
  JobPage1764700000000,
  MembersAdmin1764800000000,
  KeysAndSessions1764900000000,
  QuotasAndUsage1765000000000,
  Curation1765100000000,
  SegmentImports1765200000000,
  ModelRegistry1765361500000,
  JobRequestedAlias1765370000000,
  TrainingRuns1765400000000,
  Evaluations1765500000000,
  Ratings1765600000000,
  RatingVideos1765650000000,
  UploadMarks1765700000000,
];
/** Every cross-tenant auth function, for GRANT EXECUTE to the app role (app-role.ts). */
export const AUTH_FUNCTIONS = [
  ...INITIAL_AUTH_FUNCTIONS,
  ...KEYS_AND_SESSIONS_FUNCTIONS,
  ...RATING_FUNCTIONS,
];
export { REAPER_FUNCTIONS } from './1764450000000-job-reaper';
/** Tables the app role may only read and insert into (see app-role.ts). */
export const APPEND_ONLY_TABLES = [
  ...AUDIT_APPEND_ONLY_TABLES,
  ...MODEL_REGISTRY_APPEND_ONLY_TABLES,
  ...EVALUATION_APPEND_ONLY_TABLES,
  ...RATING_APPEND_ONLY_TABLES,
];
export {
  BUILTIN_MODEL_ID,
  BUILTIN_MODEL_NAME,
  BUILTIN_MODEL_VERSION_ID,
} from './1765361500000-model-registry';
export { OPERATOR_WRITTEN_TABLES } from './1765000000000-quotas-and-usage';
