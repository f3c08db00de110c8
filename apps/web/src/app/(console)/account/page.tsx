import type { Metadata } from 'next';
import { requireCredentials } from '@/lib/session/session';
import { AccountView } from '@/modules/account/views/account-view';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  return <AccountView credentials={await requireCredentials()} />;
}
