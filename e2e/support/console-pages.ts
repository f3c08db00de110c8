import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { BUILTIN_MODEL_VERSION_ID } from '@loris/db';
import {
  createApiKey,
  gql,
  ok,
  requestSoundtrackId,
  synthPosesJson,
  uploadBytes,
  waitFor,
} from '../../apps/api/test/support';
import type { SoundtrackBackend } from './soundtrack-backend';

// Every page of the console, found on disk, and a workspace with something on each page: the suites that
// look at all of them at phone width and take their screenshots share this list, so a new page.tsx that
// nobody opens fails them.

const appDir = join(__dirname, '..', '..', 'apps', 'web', 'src', 'app');

/** What a test needs to open each page: the signed-up owner's token and the ids of things to show. */
export interface ConsoleWorkspace {
  token: string;
  email: string;
  jobId: string;
  datasetId: string;
  invitationToken: string;
  trainingRunId: string;
  evaluationId: string;
  /** A draft MOS campaign and its link: the rater page opens on its consent step without an open campaign. */
  ratingCampaignId: string;
  ratingLink: string;
}

export interface ConsolePage {
  /** The route as the app directory spells it ("/soundtracks/[id]"), or "not-found" for not-found.tsx. */
  route: string;
  /** A short name for files and messages. */
  name: string;
  signedIn: boolean;
  path(workspace: ConsoleWorkspace): string;
}

export const consolePages: ConsolePage[] = [
  { route: '/', name: 'home', signedIn: false, path: () => '/' },
  { route: '/login', name: 'login', signedIn: false, path: () => '/login' },
  { route: '/signup', name: 'signup', signedIn: false, path: () => '/signup' },
  {
    route: '/accept-invitation',
    name: 'accept-invitation',
    signedIn: false,
    path: (w) => `/accept-invitation?token=${encodeURIComponent(w.invitationToken)}`,
  },
  { route: 'not-found', name: 'not-found', signedIn: false, path: () => '/no-such-page' },
  { route: '/dashboard', name: 'datasets', signedIn: true, path: () => '/dashboard' },
  { route: '/datasets/[id]', name: 'dataset', signedIn: true, path: (w) => `/datasets/${w.datasetId}` },
  {
    route: '/datasets/[id]/review',
    name: 'dataset-review',
    signedIn: true,
    path: (w) => `/datasets/${w.datasetId}/review`,
  },
  { route: '/generate', name: 'generate', signedIn: true, path: () => '/generate' },
  { route: '/soundtracks', name: 'soundtracks', signedIn: true, path: () => '/soundtracks' },
  {
    route: '/soundtracks/[id]',
    name: 'soundtrack-job',
    signedIn: true,
    path: (w) => `/soundtracks/${w.jobId}`,
  },
  { route: '/models', name: 'models', signedIn: true, path: () => '/models' },
  { route: '/training', name: 'training', signedIn: true, path: () => '/training' },
  {
    route: '/training/[id]',
    name: 'training-run',
    signedIn: true,
    path: (w) => `/training/${w.trainingRunId}`,
  },
  { route: '/evaluations', name: 'evaluations', signedIn: true, path: () => '/evaluations' },
  {
    route: '/evaluations/[id]',
    name: 'evaluation',
    signedIn: true,
    path: (w) => `/evaluations/${w.evaluationId}`,
  },
  {
    route: '/evaluations/compare',
    name: 'evaluations-compare',
    signedIn: true,
    path: (w) => `/evaluations/compare?ids=${w.evaluationId}`,
  },
  { route: '/ratings', name: 'ratings', signedIn: true, path: () => '/ratings' },
  {
    route: '/ratings/[id]',
    name: 'rating-campaign',
    signedIn: true,
    path: (w) => `/ratings/${w.ratingCampaignId}`,
  },
  { route: '/rate/[token]', name: 'rater', signedIn: false, path: (w) => `/rate/${w.ratingLink}` },
  { route: '/account', name: 'account', signedIn: true, path: () => '/account' },
  { route: '/api-keys', name: 'api-keys', signedIn: true, path: () => '/api-keys' },
  { route: '/members', name: 'members', signedIn: true, path: () => '/members' },
  { route: '/audit', name: 'audit', signedIn: true, path: () => '/audit' },
  { route: '/usage', name: 'usage', signedIn: true, path: () => '/usage' },
];

/** The routes of every page.tsx under apps/web/src/app (route groups dropped) and of not-found.tsx. */
export function pagesOnDisk(dir = appDir): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) routes.push(...pagesOnDisk(path));
    else if (entry.name === 'not-found.tsx') routes.push('not-found');
    else if (entry.name === 'page.tsx') {
      const segments = relative(appDir, dir)
        .split(sep)
        .filter((segment) => segment && !/^\(.*\)$/.test(segment));
      routes.push(`/${segments.join('/')}`);
    }
  }
  return routes.sort();
}

// Long words with no place to break: what ids, keys and e-mail addresses look like to a layout.
const run = `${process.pid}-${Date.now()}`;
const longWord = 'Floor-routines-without-a-single-space-to-break-at';

/**
 * A workspace with a dataset (no videos: its page and review page show their empty states), an API key,
 * an invitation and a finished soundtrack job, all made through the API, and a worker left running so a
 * page that follows a job sees it finished.
 */
export async function prepareWorkspace(backend: SoundtrackBackend): Promise<ConsoleWorkspace> {
  const email = `someone-with-a-rather-long-address-${run}@studio.example.com`;
  const signedUp = ok(
    await gql<{ signUp: { token: string } }>(
      backend.api.graphqlUrl,
      'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
      {
        input: {
          email,
          password: 'a long enough passphrase',
          tenantName: `The Greater Metropolitan Dance Company ${run}`,
        },
      },
    ),
  );
  const token = signedUp.signUp.token;
  const credentials = { token };
  const dataset = ok(
    await gql<{ createDataset: { id: string } }>(
      backend.api.graphqlUrl,
      'mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: longWord, category: 'FLOOR_EXERCISE', description: `${longWord}-${longWord}` } },
      credentials,
    ),
  ).createDataset;
  await createApiKey(backend.api.graphqlUrl, token, 'ENGINEER', `${longWord}-key`);
  const invitation = ok(
    await gql<{ inviteMember: { token: string } }>(
      backend.api.graphqlUrl,
      'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
      { input: { email: `invited-dancer-${run}@a-long-subdomain-name.studio.example.com`, role: 'VIEWER' } },
      credentials,
    ),
  );
  const upload = await uploadBytes(backend.api.baseUrl, synthPosesJson(2, 3), credentials);
  const jobId = await requestSoundtrackId(backend.api.graphqlUrl, credentials, {
    posesUploadId: upload.body.id,
    genre: 'Krump',
    seconds: 1,
    steps: 2,
    seed: 5,
  });
  await backend.startWorker();
  await waitFor(
    async () => {
      const job = ok(
        await gql<{ soundtrackJob: { status: string } }>(
          backend.api.graphqlUrl,
          'query ($id: ID!) { soundtrackJob(id: $id) { status } }',
          { id: jobId },
          credentials,
        ),
      ).soundtrackJob;
      if (job.status === 'FAILED' || job.status === 'CANCELLED')
        throw new Error(`job ${jobId} ${job.status}`);
      return job.status === 'SUCCEEDED' ? job : undefined;
    },
    `soundtrack job ${jobId} to succeed`,
    180_000,
  );
  return {
    token,
    email,
    jobId,
    datasetId: dataset.id,
    invitationToken: invitation.inviteMember.token,
    ...(await insertFailedRuns(backend, token, dataset.id)),
    ...(await createDraftCampaign(backend, token, upload.body.id as string)),
  };
}

/** A DRAFT MOS campaign of the built-in model over one uploaded item: no preparation, so nothing to wait for. */
async function createDraftCampaign(
  backend: SoundtrackBackend,
  token: string,
  posesUploadId: string,
): Promise<{ ratingCampaignId: string; ratingLink: string }> {
  const created = ok(
    await gql<{ createRatingCampaign: { link: string; campaign: { id: string } } }>(
      backend.api.graphqlUrl,
      'mutation ($input: CreateRatingCampaignInput!) { createRatingCampaign(input: $input) { link campaign { id } } }',
      {
        input: {
          name: `${longWord} listening test`,
          systems: [
            {
              kind: 'MODEL',
              label: `${longWord}-system`,
              modelVersionId: BUILTIN_MODEL_VERSION_ID,
              steps: 2,
            },
          ],
          items: { uploads: [{ posesUploadId, genre: 'Krump', seconds: 1 }] },
        },
      },
      { token },
    ),
  ).createRatingCampaign;
  return { ratingCampaignId: created.campaign.id, ratingLink: created.link };
}

/**
 * A FAILED training run with points, a long error and a log, and a FAILED evaluation of the built-in model,
 * for the layout of their pages: written as the database's owner (real ones need a frozen version with
 * segments and the trainer, which the training and evaluation suites cover).
 */
async function insertFailedRuns(
  backend: SoundtrackBackend,
  token: string,
  datasetId: string,
): Promise<{ trainingRunId: string; evaluationId: string }> {
  const { me } = ok(
    await gql<{ me: { tenant: { id: string } } }>(
      backend.api.graphqlUrl,
      '{ me { tenant { id } } }',
      {},
      { token },
    ),
  );
  const owner = new Client({ connectionString: backend.api.database.config.ownerUrl });
  await owner.connect();
  try {
    const tenantId = me.tenant.id;
    const { rows: versions } = await owner.query(
      `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio, valid_ratio, test_ratio)
       VALUES ($1, $2, 1, 1, 'SOURCE', 1, 0, 0) RETURNING id`,
      [tenantId, datasetId],
    );
    const { rows: runs } = await owner.query(
      `INSERT INTO training_runs (tenant_id, dataset_version_id, preset, overrides, steps, backend, model_name, status,
         last_step, seconds_per_step, error_message, attempt, started_at, ended_at)
       VALUES ($1, $2, 'tiny', $3, 4, 'LOCAL', $4, 'FAILED', 2, 0.5, $5, 1, now() - interval '1 minute', now())
       RETURNING id`,
      [
        tenantId,
        versions[0].id,
        JSON.stringify({ 'train.crop_samples': 8192, 'conditions.rhythm.variant': longWord }),
        longWord.slice(0, 60),
        `the trainer exited with status 2; last log lines:\n${longWord}/${longWord}/${longWord}`,
      ],
    );
    await owner.query(
      `INSERT INTO training_metric_points (tenant_id, run_id, kind, step, loss, lr, seconds_per_step)
       VALUES ($1, $2, 'train', 1, 0.9, 0.001, 0.5), ($1, $2, 'train', 2, 0.7, 0.001, 0.5), ($1, $2, 'val', 2, 0.8, NULL, NULL)`,
      [tenantId, runs[0].id],
    );
    await owner.query(
      `INSERT INTO training_run_logs (tenant_id, run_id, chunk, lines) VALUES ($1, $2, 0, $3)`,
      [
        tenantId,
        runs[0].id,
        [
          `${longWord}${longWord}${longWord}`,
          'error [INVALID_CONFIG]: train.crop_samples must be a multiple of 1024',
        ],
      ],
    );
    const { rows: evaluations } = await owner.query(
      `INSERT INTO evaluation_runs (tenant_id, dataset_version_id, split, sampler, steps, guidance, seeds, status,
         scorer_version, total_samples, done_samples, error_code, error_message, started_at, finished_at)
       VALUES ($1, $2, 'TEST', 'dpmpp-2m', 20, 3, '{0,1}', 'FAILED', 'loris-scorer/1', 4, 1, 'GENERATION_FAILED', $3,
         now() - interval '1 minute', now())
       RETURNING id`,
      [tenantId, versions[0].id, `generation failed: ${longWord}/${longWord}`],
    );
    await owner.query(
      `INSERT INTO evaluation_run_models (run_id, model_version_id, tenant_id, ordinal) VALUES ($1, $2, $3, 0)`,
      [evaluations[0].id, BUILTIN_MODEL_VERSION_ID, tenantId],
    );
    return { trainingRunId: runs[0].id, evaluationId: evaluations[0].id };
  } finally {
    await owner.end();
  }
}

/** Signs the browser in (the console's session cookie holds the API token) or out, as `page` wants. */
export async function useSession(tab: Page, webUrl: string, page: ConsolePage, workspace: ConsoleWorkspace) {
  await tab.context().clearCookies();
  if (page.signedIn) {
    await tab
      .context()
      .addCookies([
        { name: 'loris_session', value: workspace.token, url: webUrl, httpOnly: true, sameSite: 'Lax' },
      ]);
  }
}

/** Opens the page and waits until it has rendered, scripts and fonts included. */
export async function openPage(tab: Page, webUrl: string, page: ConsolePage, workspace: ConsoleWorkspace) {
  await useSession(tab, webUrl, page, workspace);
  await tab.goto(`${webUrl}${page.path(workspace)}`, { waitUntil: 'load' });
  await tab.locator('main').first().waitFor();
  await tab.evaluate(() =>
    (globalThis as unknown as InPageLayout).document.fonts.ready.then(() => undefined),
  );
}

interface LayoutElement {
  tagName: string;
  className: unknown;
  getBoundingClientRect(): { right: number };
}

// The few browser globals the width checks read (the root type check has no DOM library; see in-page.ts).
interface InPageLayout {
  innerWidth: number;
  document: {
    documentElement: { scrollWidth: number };
    fonts: { ready: Promise<unknown> };
    querySelectorAll(selector: string): Iterable<LayoutElement>;
  };
}

export interface PageWidth {
  scrollWidth: number;
  innerWidth: number;
  /** The elements that reach past the window's right edge, e.g. "table.data" (for the failure message). */
  overflowing: string[];
}

/** How wide the open page is against its window, and what sticks out. */
export function measureWidth(tab: Page): Promise<PageWidth> {
  return tab.evaluate(() => {
    const inPage = globalThis as unknown as InPageLayout;
    const overflowing: string[] = [];
    for (const element of inPage.document.querySelectorAll('body *')) {
      if (element.getBoundingClientRect().right > inPage.innerWidth + 0.5) {
        const classes =
          typeof element.className === 'string' && element.className ? `.${element.className}` : '';
        overflowing.push(`${element.tagName.toLowerCase()}${classes.replace(/ +/g, '.')}`);
      }
    }
    return {
      scrollWidth: inPage.document.documentElement.scrollWidth,
      innerWidth: inPage.innerWidth,
      overflowing: overflowing.slice(0, 12),
    };
  });
}
