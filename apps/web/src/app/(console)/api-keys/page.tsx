import type { Metadata } from 'next';
import { requireCredentials } from '@/lib/session/session';
import { ApiKeysView } from '@/modules/api-keys/views/api-keys-view';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  return <ApiKeysView credentials={await requireCredentials()} />;
}
