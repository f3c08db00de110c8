import type { Metadata } from 'next';
import { requireCredentials } from '@/lib/session/session';
import { UsageView } from '@/modules/usage/views/usage-view';

export const metadata: Metadata = { title: 'Usage' };

export default async function UsagePage() {
  return <UsageView credentials={await requireCredentials()} />;
}
