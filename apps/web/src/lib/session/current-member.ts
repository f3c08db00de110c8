import { cache } from 'react';
import { MeDocument, type MeQuery } from '@/graphql/generated';
import { loadQuery, type Loaded } from '@/lib/api/load-query';
import { requireCredentials } from './session';

// Asked once per request, however many layouts and pages need to know who is signed in.
export const loadCurrentMember = cache(async (): Promise<Loaded<MeQuery>> => {
  return loadQuery(MeDocument, {}, await requireCredentials());
});
