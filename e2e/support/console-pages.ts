import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
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
  return { token, email, jobId, datasetId: dataset.id, invitationToken: invitation.inviteMember.token };
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
