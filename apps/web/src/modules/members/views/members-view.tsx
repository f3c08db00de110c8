import { FormError } from '@/components/form-error';
import { ListAndForm } from '@/components/list-and-form';
import { PageHeader } from '@/components/page-header';
import { MembersDocument, PendingInvitationsDocument, Role } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { loadCurrentMember } from '@/lib/session/current-member';
import { InviteMemberForm } from '../components/invite-member-form';
import { LeaveWorkspaceForm } from '../components/leave-workspace-form';
import { MemberTable } from '../components/member-table';
import { PendingInvitationTable } from '../components/pending-invitation-table';

// Readable by every role: anyone may see who is in the workspace, and anyone may leave it, so the one
// "Leave workspace" button lives where the people are. Managing members (roles, removal, ownership,
// invitations) is for owners only, and only they are shown those controls and the pending invitations.
export async function MembersView({ credentials }: { credentials: Credentials }) {
  const me = (await loadCurrentMember()).data?.me;
  const manage = me?.role === Role.Owner;
  const [members, invitations] = await Promise.all([
    loadQuery(MembersDocument, {}, credentials),
    manage ? loadQuery(PendingInvitationsDocument, {}, credentials) : undefined,
  ]);
  return (
    <>
      <PageHeader title="Members">People of this workspace and their roles.</PageHeader>
      <ListAndForm
        error={members.error}
        list={
          members.data ? (
            <div className="stack">
              <MemberTable
                members={members.data.members.edges.map((edge) => edge.node)}
                manage={manage}
                selfUserId={me?.user?.id ?? null}
              />
              {members.data.members.pageInfo.hasNextPage ? (
                <p className="muted">The first 100 members.</p>
              ) : null}
              {invitations ? (
                <section className="stack" aria-label="Pending invitations">
                  <h2>Pending invitations</h2>
                  {invitations.data ? (
                    <PendingInvitationTable
                      invitations={invitations.data.invitations.edges.map((edge) => edge.node)}
                    />
                  ) : (
                    <FormError message={invitations.error} />
                  )}
                </section>
              ) : null}
              {me?.user ? <LeaveWorkspaceForm workspace={me.tenant.name} /> : null}
            </div>
          ) : null
        }
        form={manage ? <InviteMemberForm /> : undefined}
      />
    </>
  );
}
