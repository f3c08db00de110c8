import Link from 'next/link';
import { CursorPagination } from '@/components/cursor-pagination';
import { DataTable } from '@/components/data-table';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import {
  RatingCampaignsDocument,
  RatingChoicesDocument,
  RatingModelVersionsDocument,
  type Role,
  type UploadChoiceFieldsFragment,
} from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { formatDate } from '@/lib/format/format-date';
import { NewCampaignForm, type Choice } from '../components/new-campaign-form';
import type { UploadChoices } from '../components/upload-items-field';
import { uploadChoice } from '../lib/campaign-clips';
import { mayRunCampaigns } from '../lib/campaign-roles';

type UploadNode = UploadChoiceFieldsFragment['edges'][number]['node'];

// The workspace's MOS campaigns, newest first, and, for owners and engineers, the form that assembles one
// (with the workspace's newest uploads of each kind to pick clips from).
export async function RatingsView({
  credentials,
  role,
  after,
}: {
  credentials: Credentials;
  role: Role | undefined;
  after?: string;
}) {
  const canRun = mayRunCampaigns(role);
  const [list, choices] = await Promise.all([
    loadQuery(RatingCampaignsDocument, { after }, credentials),
    canRun ? loadQuery(RatingChoicesDocument, {}, credentials) : undefined,
  ]);
  const versions: Choice[] = [];
  for (const model of choices?.data?.models.edges.map((edge) => edge.node) ?? []) {
    const page = await loadQuery(RatingModelVersionsDocument, { modelId: model.id }, credentials);
    for (const version of page.data?.modelVersions.edges.map((edge) => edge.node) ?? []) {
      versions.push({ id: version.id, label: `${version.modelName} v${version.number} (${version.label})` });
    }
  }
  const picked = (connection: { edges: Array<{ node: UploadNode }> } | undefined) =>
    (connection?.edges ?? []).map(({ node }) => uploadChoice(node, formatDate(node.createdAt)));
  const uploads: UploadChoices = {
    WAV: picked(choices?.data?.wavUploads),
    POSES: picked(choices?.data?.poseUploads),
    VIDEO: picked(choices?.data?.videoUploads),
  };
  const campaigns = list.data?.ratingCampaigns.edges.map((edge) => edge.node) ?? [];
  const pageInfo = list.data?.ratingCampaigns.pageInfo;
  return (
    <>
      <PageHeader title="Ratings">
        MOS listening tests after ITU-T P.808: systems from model versions, rated by crowd raters through a
        link; MOS with 95% confidence intervals.
      </PageHeader>
      <div className="columns">
        <section className="card grow stack" aria-label="Campaigns list">
          <FormError message={list.error} />
          <DataTable label="Campaigns" columns={['Name', 'Status', 'Systems', 'Items', 'Votes', 'Created']}>
            {campaigns.map((campaign) => (
              <tr key={campaign.id} data-campaign={campaign.id}>
                <td>
                  <Link href={`/ratings/${campaign.id}`}>{campaign.name}</Link>
                </td>
                <td>
                  <span className={`status-badge status-${campaign.status.toLowerCase()}`}>
                    {campaign.status}
                  </span>
                </td>
                <td>{campaign.systems.map((s) => s.label).join('; ')}</td>
                <td>{campaign.items}</td>
                <td>{campaign.votes}</td>
                <td>{formatDate(campaign.createdAt)}</td>
              </tr>
            ))}
          </DataTable>
          {campaigns.length ? null : <p className="muted">No campaign yet.</p>}
          <CursorPagination
            label="Campaigns pages"
            after={after}
            nextCursor={pageInfo?.hasNextPage ? pageInfo.endCursor : null}
            href={(cursor) => (cursor ? `/ratings?after=${encodeURIComponent(cursor)}` : '/ratings')}
          />
        </section>
        <section className="card side">
          {canRun ? (
            <>
              <FormError message={choices?.error} />
              <NewCampaignForm
                versions={versions}
                datasetVersions={choices?.data?.evaluationDatasetVersions ?? []}
                uploads={uploads}
                genres={choices?.data?.genres.map((genre) => genre.name) ?? []}
              />
            </>
          ) : (
            <p className="muted">Owners and engineers run campaigns; you can read their results.</p>
          )}
        </section>
      </div>
    </>
  );
}
