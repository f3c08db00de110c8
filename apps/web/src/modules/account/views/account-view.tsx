import { ListAndForm } from '@/components/list-and-form';
import { PageHeader } from '@/components/page-header';
import { MySessionsDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { ChangePasswordForm } from '../components/change-password-form';
import { SessionTable } from '../components/session-table';

// Your own account, whatever your role: where you are signed in, and your password.
export async function AccountView({ credentials }: { credentials: Credentials }) {
  const { data, error } = await loadQuery(MySessionsDocument, {}, credentials);
  return (
    <>
      <PageHeader title="Account">
        Where you are signed in to this workspace. Sign out a session you do not recognise, and change your
        password if you think someone else knows it.
      </PageHeader>
      <ListAndForm
        error={error}
        list={
          data ? (
            <>
              <h2>Active sessions</h2>
              <SessionTable sessions={data.mySessions} />
              <p className="muted">Last seen is updated at most once a minute.</p>
            </>
          ) : null
        }
        form={<ChangePasswordForm />}
      />
    </>
  );
}
