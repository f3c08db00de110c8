import type { Metadata } from 'next';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { LogInView } from '@/modules/auth/views/log-in-view';

export const metadata: Metadata = { title: 'Log in' };

export default async function LogInPage({ searchParams }: { searchParams: SearchParams }) {
  return <LogInView sessionEnded={(await singleParam(searchParams, 'expired')) === '1'} />;
}
