import { loadCurrentMember } from '@/lib/session/current-member';
import { ConsoleShellView } from '@/modules/shell/views/console-shell-view';
import { ConsoleUnavailableView } from '@/modules/shell/views/console-unavailable-view';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { data, error } = await loadCurrentMember();
  if (!data) return <ConsoleUnavailableView message={error} />;
  return <ConsoleShellView me={data.me}>{children}</ConsoleShellView>;
}
