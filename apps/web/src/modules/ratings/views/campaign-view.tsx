import Link from 'next/link';
import { CursorPagination } from '@/components/cursor-pagination';
import { DataTable } from '@/components/data-table';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { RatingCampaignDetailsDocument, type Role } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { formatDate } from '@/lib/format/format-date';
import {
  CloseButton,
  NewRaterLinkForm,
  PrepareButton,
  PreparePolling,
} from '../components/campaign-controls';
import { BanButton, OverrideForm, VerifyCodeForm } from '../components/session-controls';
import { campaignPageHref, mosText, pText, type CampaignPages } from '../lib/campaign-form';
import { mayOverrideSessions, mayRunCampaigns } from '../lib/campaign-roles';

// One campaign: its lifecycle (prepare with progress, open, close, rater links), its results (MOS per
// system with 95% CI, pairwise tests, MOS per clip a page at a time, CSV), its gold and training clips, its
// sessions with their screening a page at a time, and the check of a completion code. Results are the
// API's, live: every load reads the votes counted so far.
export async function CampaignView({
  credentials,
  role,
  id,
  pages = {},
}: {
  credentials: Credentials;
  role: Role | undefined;
  id: string;
  pages?: CampaignPages;
}) {
  const loaded = await loadQuery(
    RatingCampaignDetailsDocument,
    { id, sessionsAfter: pages.sessions, clipsAfter: pages.clips },
    credentials,
  );
  if (!loaded.data) {
    return (
      <>
        <PageHeader title="Rating campaign" />
        <FormError message={loaded.error} />
      </>
    );
  }
  const { ratingCampaign: campaign, ratingResults: results, raterSessions } = loaded.data;
  const sessions = raterSessions.edges.map((edge) => edge.node);
  const clips = results.clips.edges.map((edge) => edge.node);
  const gold = campaign.scoredClips.filter((clip) => clip.kind === 'GOLD');
  const anchors = campaign.scoredClips.filter((clip) => clip.kind === 'ANCHOR');
  const href = (list: keyof CampaignPages) => (cursor?: string) =>
    campaignPageHref(campaign.id, pages, list, cursor);
  const canRun = mayRunCampaigns(role);
  const canOverride = mayOverrideSessions(role);
  const labels = new Map(campaign.systems.map((s) => [s.id, s.label]));
  return (
    <>
      <PageHeader title={campaign.name}>
        <span className={`status-badge status-${campaign.status.toLowerCase()}`}>{campaign.status}</span>{' '}
        {campaign.question}
      </PageHeader>
      {campaign.status === 'PREPARING' ? <PreparePolling /> : null}
      <div className="columns">
        <section className="card grow stack" aria-label="Results">
          <h2>Results</h2>
          <p className="muted">
            {results.votes} counted {results.votes === 1 ? 'vote' : 'votes'} from {results.raters}{' '}
            {results.raters === 1 ? 'rater' : 'raters'} ·{' '}
            <Link href={`/ratings/${campaign.id}`}>refresh</Link>
          </p>
          <DataTable
            label="MOS per system"
            columns={['System', 'MOS ± 95% CI', 'Interval', 'Std', 'Votes', 'Raters']}
          >
            {results.systems.map((system) => (
              <tr key={system.systemId} data-system={system.label}>
                <td>{system.label}</td>
                <td className="nowrap">{mosText(system.mos, system.ci95)}</td>
                <td className="nowrap">
                  {system.low !== null &&
                  system.low !== undefined &&
                  system.high !== null &&
                  system.high !== undefined
                    ? `${system.low.toFixed(2)} – ${system.high.toFixed(2)}`
                    : '–'}
                </td>
                <td>{system.std?.toFixed(2) ?? '–'}</td>
                <td>{system.n}</td>
                <td>{system.raters}</td>
              </tr>
            ))}
          </DataTable>
          {results.pairwise.length ? (
            <DataTable
              label="Pairwise tests"
              columns={['Systems', 'Difference', 't', 'df', 'p', 'p (Bonferroni)', 'Significant']}
            >
              {results.pairwise.map((pair) => (
                <tr key={`${pair.a}-${pair.b}`}>
                  <td>
                    {labels.get(pair.a) ?? pair.a} vs {labels.get(pair.b) ?? pair.b}
                  </td>
                  <td>{pair.difference.toFixed(2)}</td>
                  <td>{pair.t?.toFixed(2) ?? '–'}</td>
                  <td>{pair.df?.toFixed(1) ?? '–'}</td>
                  <td>{pText(pair.p)}</td>
                  <td>{pText(pair.pBonferroni)}</td>
                  <td>{pair.significant ? 'yes (α 0.05)' : 'no'}</td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          <p className="result-links">
            <a href={`/ratings/${campaign.id}/results.csv?shape=condition`} download>
              CSV per system
            </a>{' '}
            <a href={`/ratings/${campaign.id}/results.csv?shape=clip`} download>
              CSV per clip
            </a>
          </p>
          <details open={Boolean(pages.clips)}>
            <summary>MOS per clip ({results.clipCount})</summary>
            <DataTable label="MOS per clip" columns={['Item', 'System', 'MOS ± 95% CI', 'Votes']}>
              {clips.map((clip) => (
                <tr key={clip.clipId}>
                  <td>{clip.itemOrdinal + 1}</td>
                  <td>{clip.label}</td>
                  <td className="nowrap">{mosText(clip.mos, clip.ci95)}</td>
                  <td>{clip.n}</td>
                </tr>
              ))}
            </DataTable>
            <CursorPagination
              label="MOS per clip pages"
              after={pages.clips}
              nextCursor={results.clips.pageInfo.hasNextPage ? results.clips.pageInfo.endCursor : null}
              href={href('clips')}
            />
          </details>
        </section>
        <section className="card side stack" aria-label="Campaign">
          {campaign.error ? (
            <p className="notice notice-error" role="alert">
              Preparation failed ({campaign.error.code}): {campaign.error.message}
            </p>
          ) : null}
          {campaign.status === 'PREPARING' || campaign.status === 'DRAFT' ? (
            <p role="status" aria-label="Preparation">
              Stimuli made: {campaign.doneStimuli} of {campaign.totalStimuli || '…'}
            </p>
          ) : null}
          {canRun && campaign.status === 'DRAFT' ? (
            <PrepareButton id={campaign.id} again={!!campaign.error} />
          ) : null}
          {canRun && campaign.status === 'OPEN' ? <CloseButton id={campaign.id} /> : null}
          {canRun && campaign.status !== 'CLOSED' ? <NewRaterLinkForm campaignId={campaign.id} /> : null}
          <dl>
            <dt>Systems</dt>
            <dd>
              {campaign.systems
                .map((s) => `${s.label} (${s.kind.toLowerCase().replace('_', ' ')})`)
                .join('; ')}
            </dd>
            <dt>Items</dt>
            <dd>{campaign.items}</dd>
            <dt>Presentation</dt>
            <dd>{campaign.presentation === 'AUDIO_VIDEO' ? 'audio with the item’s video' : 'audio only'}</dd>
            <dt>Targets</dt>
            <dd>
              {campaign.votesPerClip} votes per clip, {campaign.clipsPerSession} clips per session,{' '}
              {campaign.trapsPerSession} trapping and {campaign.goldPerSession} gold per session
            </dd>
            <dt>Answers</dt>
            <dd>{campaign.labels.map((label, i) => `${i + 1} ${label}`).join(', ')}</dd>
            <dt>Opened</dt>
            <dd>{campaign.openedAt ? formatDate(campaign.openedAt) : '–'}</dd>
            <dt>Closed</dt>
            <dd>{campaign.closedAt ? formatDate(campaign.closedAt) : '–'}</dd>
          </dl>
          <ScoredClipsTable label="Gold clips" clips={gold} />
          <ScoredClipsTable label="Training clips" clips={anchors} />
          <VerifyCodeForm campaignId={campaign.id} />
        </section>
      </div>
      <section className="card stack" aria-label="Sessions">
        <h2>Sessions ({campaign.sessions})</h2>
        <p className="muted">
          A session that fails a screening rule is excluded from the scores and kept here with its reasons.
        </p>
        <DataTable
          label="Rater sessions"
          columns={[
            'Started',
            'Stage',
            'Votes',
            'Counted',
            'Reasons',
            'Pearson r',
            'Code',
            ...(canRun ? [''] : []),
          ]}
        >
          {sessions.map((session) => (
            <tr key={session.id} data-session={session.id}>
              <td>{formatDate(session.createdAt)}</td>
              <td>{session.stage.toLowerCase()}</td>
              <td>{session.votes}</td>
              <td>
                {session.counted ? 'yes' : 'no'}
                {session.override ? ` (by hand: ${session.override.toLowerCase()})` : ''}
              </td>
              <td>
                {[
                  ...session.exclusionReasons,
                  ...(session.outlier ? ['OUTLIER'] : []),
                  ...(session.banned ? ['BANNED'] : []),
                ].join(', ') || '–'}
                {session.overrideNote ? ` · ${session.overrideNote}` : ''}
              </td>
              <td>{session.pearsonR?.toFixed(2) ?? '–'}</td>
              <td className="nowrap">{session.completionCode ?? '–'}</td>
              {canRun ? (
                <td className="stack">
                  {canOverride ? (
                    <OverrideForm campaignId={campaign.id} id={session.id} override={session.override} />
                  ) : null}
                  {session.banned ? null : <BanButton campaignId={campaign.id} sessionId={session.id} />}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
        {sessions.length ? null : <p className="muted">No rater has started yet.</p>}
        <CursorPagination
          label="Sessions pages"
          after={pages.sessions}
          nextCursor={raterSessions.pageInfo.hasNextPage ? raterSessions.pageInfo.endCursor : null}
          href={href('sessions')}
        />
      </section>
    </>
  );
}

/** The owner's gold or training clips: the upload each was made from and the score it expects. */
function ScoredClipsTable({
  label,
  clips,
}: {
  label: string;
  clips: Array<{
    ordinal: number;
    expectedScore: number;
    uploadId: string;
    fileName?: string | null;
    prepared: boolean;
  }>;
}) {
  return (
    <>
      <h3>
        {label} ({clips.length})
      </h3>
      {clips.length ? (
        <DataTable label={label} columns={['#', 'Upload', 'Expected', 'Made']}>
          {clips.map((clip) => (
            <tr key={clip.ordinal}>
              <td>{clip.ordinal + 1}</td>
              <td className="nowrap">{clip.fileName ?? clip.uploadId}</td>
              <td>{clip.expectedScore}</td>
              <td>{clip.prepared ? 'yes' : 'not yet'}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">None.</p>
      )}
    </>
  );
}
