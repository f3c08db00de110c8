import { Role } from '@/graphql/generated';

// What each role may do, in the words both the API key form and the invitation form show. Kept true to the
// API's @Roles guards: keys and members are OWNER-only (api-keys, members resolvers), datasets are created
// by OWNER and CURATOR (datasets resolver), soundtracks are requested and cancelled by every role but VIEWER
// (soundtracks resolver, uploads controller), and every role reads.
export const roleDescriptions: Record<Role, string> = {
  [Role.Owner]: 'Everything: manages members, invitations and API keys, creates datasets and soundtracks.',
  [Role.Engineer]: 'Uploads media, generates and cancels soundtracks, and reads datasets and members.',
  [Role.Curator]: 'Creates datasets, and uploads, generates and cancels soundtracks like an engineer.',
  [Role.Viewer]: 'Reads datasets, soundtracks and members; cannot generate or change anything.',
};

// A key made without a chosen role acts as an engineer: it can generate, which is what keys are made for,
// and it cannot manage the workspace. The API applies the same default (CreateApiKeyInput.role).
export const defaultApiKeyRole = Role.Engineer;
