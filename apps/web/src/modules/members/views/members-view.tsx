import { ListAndForm } from '@/components/list-and-form';
import { PageHeader } from '@/components/page-header';
import { MembersDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { InviteMemberForm } from '../components/invite-member-form';
import { MemberTable } from '../components/member-table';

export async function MembersView({ credentials }: { credentials: Credentials }) {
  const { data, error } = await loadQuery(MembersDocument, {}, credentials);
  return (
    <>
      <PageHeader title="Members">People of this workspace and their roles.</PageHeader>
      <ListAndForm
        error={error}
        list={
          data ? (
            <>
              <MemberTable members={data.members.edges.map((edge) => edge.node)} />
              {data.members.pageInfo.hasNextPage ? <p className="muted">The first 100 members.</p> : null}
            </>
          ) : null
        }
        form={<InviteMemberForm />}
      />
    </>
  );
}
