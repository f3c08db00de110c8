import { redirect } from 'next/navigation';
import { hasSession } from '@/lib/session/session';

export default async function HomePage() {
  redirect((await hasSession()) ? '/dashboard' : '/login');
}
