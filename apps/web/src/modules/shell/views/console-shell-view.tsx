import { roleLabels } from '@/components/role-select';
import type { MeQuery } from '@/graphql/generated';
import { LogOutButton } from '@/modules/auth/components/log-out-button';
import { mayGenerate } from '@/modules/soundtracks/lib/job-status';
import { ConsoleMenu } from '../components/console-menu';
import { NavLink } from '../components/nav-link';

// The frame of every signed-in page: who is signed in, to which workspace, with which role.
export function ConsoleShellView({ me, children }: { me: MeQuery['me']; children: React.ReactNode }) {
  const signedIn = `${me.user?.email ?? 'API key'} · ${me.tenant.name} · ${roleLabels[me.role]}`;
  return (
    <div className="console">
      <header className="topbar">
        <span className="brand">LORIS Studio</span>
        <ConsoleMenu>
          <nav aria-label="Console">
            <NavLink href="/dashboard">Datasets</NavLink>
            {mayGenerate(me.role) ? <NavLink href="/generate">Generate</NavLink> : null}
            <NavLink href="/soundtracks">Soundtracks</NavLink>
            <NavLink href="/models">Models</NavLink>
            <NavLink href="/training">Training</NavLink>
            <NavLink href="/evaluations">Evaluations</NavLink>
            <NavLink href="/ratings">Ratings</NavLink>
            <NavLink href="/members">Members</NavLink>
            <NavLink href="/usage">Usage</NavLink>
            {me.user ? <NavLink href="/account">Account</NavLink> : null}
            {me.role === 'OWNER' ? (
              <>
                <NavLink href="/api-keys">API keys</NavLink>
                <NavLink href="/audit">Audit log</NavLink>
              </>
            ) : null}
          </nav>
          <div className="whoami">
            <span title={signedIn}>{signedIn}</span>
            <LogOutButton />
          </div>
        </ConsoleMenu>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
