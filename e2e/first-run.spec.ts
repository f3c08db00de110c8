import type { Page } from 'playwright-core';
import { gql, ok } from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import type { MediaElement } from './support/in-page';
import { sessionToken } from './support/session-token';
import { startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

// Issue 13, point 5: a new workspace's first minutes. Sign up, land on Generate (not on an empty list of
// datasets), press "Try a sample dancer" (the pose track tools/sample-dancer.ts made at build time), and
// the job page follows the job to a soundtrack that plays. The test counts the clicks the page received
// and the time from pressing "Create workspace" to the music playing, and prints both.
// Real API, real worker process, the parity model, the built console and Chromium.
jest.setTimeout(300_000);

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;

const run = `${process.pid}-${Date.now()}`;
const jobUrl = /\/soundtracks\/([0-9a-f-]{36})$/;

// The browser globals the click counter uses (see support/in-page.ts for why they are declared here).
interface CountingPage {
  document: {
    addEventListener(type: string, listener: (event: { isTrusted: boolean }) => void, capture: boolean): void;
  };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

beforeAll(async () => {
  backend = await startSoundtrackBackend();
  await backend.startWorker();
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
  // Every page of the tab counts the clicks a person made on it (trusted events), in the tab's session
  // storage, so the count survives the navigations of the path.
  await page.addInitScript(() => {
    const inPage = globalThis as unknown as CountingPage;
    inPage.document.addEventListener(
      'click',
      (event) => {
        if (!event.isTrusted) return;
        const clicks = Number(inPage.sessionStorage.getItem('loris-e2e-clicks') ?? '0');
        inPage.sessionStorage.setItem('loris-e2e-clicks', String(clicks + 1));
      },
      true,
    );
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
});

const clicksSoFar = async () =>
  Number(
    await page.evaluate(() =>
      (globalThis as unknown as CountingPage).sessionStorage.getItem('loris-e2e-clicks'),
    ),
  );

it('takes a new workspace from sign-up to a playing soundtrack with the sample dancer', async () => {
  await page.goto(`${web.url}/signup`);
  await page.getByLabel('Workspace name').fill(`First run ${run}`);
  await page.getByLabel('Email').fill(`first-run-${run}@example.com`);
  await page.getByLabel('Password').fill('a long enough passphrase');

  const started = Date.now();
  await page.getByRole('button', { name: 'Create workspace' }).click();
  // A new workspace starts on Generate.
  await page.waitForURL(`${web.url}/generate`);
  await page.getByRole('heading', { name: 'Generate' }).waitFor();
  await page.getByLabel('Genre').selectOption('Krump');

  await page.getByRole('button', { name: 'Try a sample dancer' }).click();
  await page.waitForURL(jobUrl);
  const jobId = jobUrl.exec(page.url())![1];
  await page.locator('.job-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 240_000 });

  // Pressing play is the last click of the path: the test starts the player from a script (as the other
  // browser suites do) and counts that press by hand.
  const audio = page.getByLabel('Soundtrack audio');
  const played = await audio.evaluate(async (node) => {
    const element = node as unknown as MediaElement;
    await element.play();
    const startedAt = element.currentTime;
    await new Promise((resolve) => setTimeout(resolve, 600));
    return {
      later: element.currentTime,
      startedAt,
      duration: element.duration,
      error: element.error?.message,
    };
  });
  const seconds = (Date.now() - started) / 1000;
  expect(played.error).toBeUndefined();
  expect(played.later).toBeGreaterThan(played.startedAt);
  // The sample is 6 s long and Seconds was left blank: the soundtrack is as long as the dancer.
  expect(played.duration).toBeCloseTo(6, 0);

  // The job asked for the form's genre, and for the sample's own length (Seconds was left blank).
  const job = ok(
    await gql<{ soundtrackJob: { genre: string; seconds: number } }>(
      backend.api.graphqlUrl,
      'query ($id: ID!) { soundtrackJob(id: $id) { genre seconds } }',
      { id: jobId },
      { token: await sessionToken(browser.context) },
    ),
  ).soundtrackJob;
  expect(job).toEqual({ genre: 'Krump', seconds: 6 });

  const clicks = (await clicksSoFar()) + 1;
  // Create workspace, Try a sample dancer, play. Picking a genre is optional (the form has one chosen), and
  // selectOption does not click.
  expect(clicks).toBe(3);
  console.log(
    `first run: sign-up to a soundtrack playing in ${seconds.toFixed(1)} s and ${clicks} clicks ` +
      '(Create workspace, Try a sample dancer, play)',
  );
});
