import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { requestSoundtrackId, synthPosesJson, uploadBytes } from '../apps/api/test/support';
import { testPattern } from '../libs/media/src/media-fixtures.testing';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import type { InPage, ObservedNode } from './support/in-page';
import { sessionToken } from './support/session-token';
import { startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

// Issue 13, point 3: the Soundtracks list is live. Jobs requested through the API sit QUEUED on the list
// until a worker starts; from then on their rows move (running, then succeeded or failed with the reason in
// words) on the same page, never reloaded. A finished row plays in place, and Cancel asks before it acts.
// Real API, real worker process, the parity model, the built console, Chromium.
jest.setTimeout(300_000);

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;
const ids = { succeeds: '', fails: '', cancelled: '' };

const run = `${process.pid}-${Date.now()}`;

interface FocusedPage {
  document: { activeElement: unknown };
}

function row(id: string) {
  return page.locator(`tr[data-job-id="${id}"]`);
}

// Marks the page; the mark is still there afterwards only if the page was never reloaded.
async function markPage(): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as InPage).samePage = true;
  });
}

async function stillSamePage(): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as InPage).samePage === true);
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-live-'));
  backend = await startSoundtrackBackend();
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));

  await page.goto(`${web.url}/signup`);
  await page.getByLabel('Workspace name').fill(`Live ${run}`);
  await page.getByLabel('Email').fill(`live-${run}@example.com`);
  await page.getByLabel('Password').fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signup'));

  const token = await sessionToken(browser.context);
  const poses = await uploadBytes(backend.api.baseUrl, synthPosesJson(3, 9), { token });
  const video = await uploadBytes(
    backend.api.baseUrl,
    readFileSync(await testPattern(join(files, 'nobody.mp4'), 2)),
    { token },
  );
  const request = (input: Record<string, unknown>) =>
    requestSoundtrackId(backend.api.graphqlUrl, { token }, input);
  ids.succeeds = await request({
    posesUploadId: poses.body.id,
    genre: 'Pop',
    seconds: 1.5,
    steps: 20,
    seed: 3,
  });
  ids.fails = await request({ videoUploadId: video.body.id, genre: 'Pop', seconds: 1.5, steps: 20, seed: 4 });
  ids.cancelled = await request({
    posesUploadId: poses.body.id,
    genre: 'House',
    seconds: 1.5,
    steps: 20,
    seed: 5,
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
  rmSync(files, { recursive: true, force: true });
});

describe('the Soundtracks list', () => {
  it('shows the jobs waiting, as no worker runs yet', async () => {
    await page.goto(`${web.url}/soundtracks`);
    for (const id of Object.values(ids)) await row(id).getByText('Queued').waitFor();
    await markPage();
  });

  it('asks before cancelling: Escape keeps the job, "Yes, cancel" cancels it', async () => {
    const cancelled = row(ids.cancelled);
    await cancelled.getByRole('button', { name: `Cancel job ${ids.cancelled.slice(0, 8)}` }).click();
    const question = cancelled.getByRole('group', { name: 'Confirm cancellation' });
    await question.getByText('Cancel this job?').waitFor();
    // The safe answer has the focus, so Enter or Escape straight away keeps the job.
    expect(
      await question
        .getByRole('button', { name: 'Keep it' })
        .evaluate((b) => b === (globalThis as unknown as FocusedPage).document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    expect(await cancelled.innerText()).toMatch(/Queued/);

    await cancelled.getByRole('button', { name: `Cancel job ${ids.cancelled.slice(0, 8)}` }).click();
    await question.getByRole('button', { name: 'Yes, cancel' }).click();
    await cancelled.getByText('Cancelled').waitFor();
  });

  it('moves the rows as the worker runs them, without a reload', async () => {
    await markPage();
    // Every text the succeeding row shows from now on, as the page's own scripts change it.
    await row(ids.succeeds).evaluate((node) => {
      const inPage = globalThis as unknown as InPage;
      const text = () => (node as unknown as { innerText: string }).innerText;
      const seen: string[] = [];
      inPage.seenTexts = seen;
      new inPage.MutationObserver(() => seen.push(text())).observe(node as unknown as ObservedNode, {
        subtree: true,
        characterData: true,
        childList: true,
      });
    });
    await backend.startWorker();

    await row(ids.succeeds).getByText('Succeeded').waitFor({ timeout: 180_000 });
    await row(ids.fails).getByText('Failed').waitFor({ timeout: 180_000 });
    expect(await stillSamePage()).toBe(true);

    const seen = await page.evaluate(() => (globalThis as unknown as InPage).seenTexts ?? []);
    expect(seen.some((text) => /Running/.test(text))).toBe(true);
    expect(seen.at(-1)).toMatch(/Succeeded\s+100%/);
    // The failure's reason in the API's words, on the row itself.
    expect(await row(ids.fails).innerText()).toMatch(/No person was found in most of the video/);
  });

  it('plays a finished soundtrack in place, one row at a time', async () => {
    const play = row(ids.succeeds).getByRole('button', { name: /^Play the Pop soundtrack/ });
    await play.click();
    // The label turns to Pause only once the browser has started playing the WAV.
    const pause = row(ids.succeeds).getByRole('button', { name: /^Pause the Pop soundtrack/ });
    await pause.waitFor();
    expect(await pause.getAttribute('aria-pressed')).toBe('true');
    await pause.click();
    await play.waitFor();
    // Nothing to play for a failed or cancelled job.
    expect(await row(ids.fails).getByRole('button', { name: /^Play/ }).count()).toBe(0);
    expect(await row(ids.cancelled).getByRole('button', { name: /^Play/ }).count()).toBe(0);
  });

  it('refuses a malformed follow request in words', async () => {
    const answer = await page.request.get(`${web.url}/soundtracks/events?id=not-a-job`);
    expect(answer.status()).toBe(400);
    expect((await answer.json()).error.message).toBe('"not-a-job" is not a job id.');
  });
});
