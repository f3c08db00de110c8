import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { gql, ok, synthPosesJson } from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { sessionToken } from './support/session-token';
import { MODEL_DIR, startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

// Issue 13, point 2: the job page shows the music meeting the movement. In a real browser against the real
// API, worker and model (the parity fixture): the stage in words with an ETA while the job runs, the input's
// name and length and the model that served it, a wavesurfer.js waveform between a row of music onsets and
// a row of dance beats with the F-measure in words, a download named after what it is, "Generate again"
// with a new seed, and for a video, one playhead shared by the <video> and the waveform.
jest.setTimeout(300_000);

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;

const run = `${process.pid}-${Date.now()}`;
const owner = {
  email: `page-${run}@example.com`,
  password: 'a long enough passphrase',
  tenant: `Page ${run}`,
};
const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? '/tmp';
const jobUrl = /\/soundtracks\/([0-9a-f-]{36})$/;
const card = JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8'));

interface Sync {
  onsets: number[];
  visualBeats: number[];
  fMeasure: number;
}

interface ApiJob {
  id: string;
  seed: number;
  genre: string;
  seconds: number;
  steps: number;
  inputName: string | null;
  sync: Sync | null;
}

async function apiJob(id: string): Promise<ApiJob> {
  const answer = await gql<{ soundtrackJob: ApiJob }>(
    backend.api.graphqlUrl,
    'query ($id: ID!) { soundtrackJob(id: $id) { id seed genre seconds steps inputName sync { onsets visualBeats fMeasure } } }',
    { id },
    { token: await sessionToken(browser.context) },
  );
  return ok(answer).soundtrackJob;
}

async function detail(term: string): Promise<string> {
  return page
    .getByLabel('Job settings')
    .locator('div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd')
    .innerText();
}

// The left of wavesurfer's cursor, in percent of the waveform (its shadow DOM's part="cursor").
function cursorPercent(): Promise<number> {
  return page.locator('[data-waveform="ready"]').evaluate((node) => {
    const host = node as unknown as {
      firstElementChild: {
        shadowRoot: { querySelector(s: string): { style: { left: string } } | null } | null;
      } | null;
    };
    const cursor = host.firstElementChild?.shadowRoot?.querySelector('[part="cursor"]');
    return Number.parseFloat(cursor?.style.left ?? 'NaN');
  });
}

async function clickWaveformAt(share: number): Promise<void> {
  const waveform = page.locator('[data-waveform="ready"]');
  await waveform.scrollIntoViewIfNeeded();
  const box = (await waveform.boundingBox())!;
  await page.mouse.click(box.x + box.width * share, box.y + box.height / 2);
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-page-'));
  backend = await startSoundtrackBackend();
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
  await page.goto(`${web.url}/signup`);
  await page.getByLabel('Workspace name').fill(owner.tenant);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signup'));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
  rmSync(files, { recursive: true, force: true });
});

describe('a soundtrack job’s page', () => {
  let jobId = '';

  it('says what the worker is doing, with the time left while it generates', async () => {
    writeFileSync(join(files, 'salsa-dance-clip.json'), synthPosesJson(4, 8));
    await page.goto(`${web.url}/generate`);
    await page.getByLabel('Video or pose track').setInputFiles(join(files, 'salsa-dance-clip.json'));
    await page.getByRole('status').filter({ hasText: 'Pose track uploaded' }).waitFor();
    await page.getByLabel('Genre').selectOption('Pop');
    await page.getByLabel('Seconds').fill('3');
    await page.getByLabel('Seed').fill('42');
    await page.getByLabel('Steps').fill('60');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.waitForURL(jobUrl);
    jobId = jobUrl.exec(page.url())![1];
    await page.locator('.job-status').filter({ hasText: 'Queued' }).waitFor();
    expect(await detail('Model')).toBe('Not started yet');

    // Every text of the stage line from now on, as the page's own scripts change it.
    await page.evaluate(() => {
      const inPage = globalThis as unknown as {
        document: { querySelector(s: string): { textContent: string | null } | null };
        MutationObserver: new (cb: () => void) => { observe(t: unknown, o: Record<string, boolean>): void };
        stageTexts: string[];
      };
      const section = inPage.document.querySelector('section[aria-label="Progress"]');
      inPage.stageTexts = [];
      new inPage.MutationObserver(() => {
        const line = inPage.document.querySelector('.job-stage');
        if (line?.textContent) inPage.stageTexts.push(line.textContent);
      }).observe(section, { subtree: true, characterData: true, childList: true });
    });
    await backend.startWorker();
    await page.locator('.job-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (globalThis as unknown as { stageTexts: string[] }).stageTexts);
    const etas = seen
      .map((text) => /^Generating · about (\d+) s left$/.exec(text.trim()))
      .filter((match) => match !== null)
      .map((match) => Number(match[1]));
    expect(etas.length).toBeGreaterThan(2);
    // Counting down as the sampler goes (allowing the rate to wobble by a second).
    expect(etas.at(-1)!).toBeLessThan(etas[0] + 1);
    // Finished, the status says it all: no stage line is left.
    expect(await page.locator('.job-stage').count()).toBe(0);
  });

  it('names the input, its length and the model version that served the job', async () => {
    expect(await detail('Input')).toBe('salsa-dance-clip.json');
    expect(await detail('Input length')).toBe('4.0 s');
    expect(await detail('Model')).toBe(`${card.name}@${card.version}`);
  });

  it('draws the waveform between the music’s onsets and the dance’s beats, with the F-measure in words', async () => {
    const job = await apiJob(jobId);
    const sync = job.sync!;
    expect(sync.onsets.length).toBeGreaterThan(0);
    expect(sync.visualBeats.length).toBeGreaterThan(0);
    await page.locator('[data-waveform="ready"]').waitFor();
    // wavesurfer drew into its shadow DOM.
    const drawn = await page.locator('[data-waveform="ready"]').evaluate((node) => {
      const host = node as unknown as {
        firstElementChild: { shadowRoot: { querySelectorAll(s: string): { width: number }[] } | null } | null;
      };
      const canvases = host.firstElementChild?.shadowRoot?.querySelectorAll('canvas') ?? [];
      return Array.from(canvases).reduce((sum, canvas) => sum + canvas.width, 0);
    });
    expect(drawn).toBeGreaterThan(100);

    const onsets = page.getByRole('img', { name: `Music onsets: ${sync.onsets.length}` });
    const beats = page.getByRole('img', { name: `Dance beats: ${sync.visualBeats.length}` });
    expect(await onsets.locator('span').count()).toBe(sync.onsets.length);
    expect(await beats.locator('span').count()).toBe(sync.visualBeats.length);
    // Each marker at its time: left = time / length of the result.
    const left = async (row: typeof onsets, i: number) =>
      Number.parseFloat((await row.locator('span').nth(i).getAttribute('style'))!.replace(/^left:\s*/, ''));
    expect(await left(onsets, 0)).toBeCloseTo((sync.onsets[0] / 3) * 100, 3);
    expect(await left(beats, sync.visualBeats.length - 1)).toBeCloseTo(
      (sync.visualBeats.at(-1)! / 3) * 100,
      3,
    );
    // The markers sit on the waveform: the rows span the same width.
    const wave = (await page.locator('[data-waveform="ready"]').boundingBox())!;
    const row = (await onsets.boundingBox())!;
    expect(Math.abs(row.x - wave.x)).toBeLessThan(2);
    expect(Math.abs(row.width - wave.width)).toBeLessThan(3);

    const words = `${Math.round(sync.fMeasure * 100)}% of beats in sync`;
    const caption = page.locator('figcaption');
    expect(await caption.innerText()).toContain(words);
    expect(await caption.innerText()).toContain(
      `${sync.onsets.length} music onsets and ${sync.visualBeats.length} dance beats`,
    );
    // The figure is described by those words for a screen reader.
    const describedBy = await page.locator('figure').getAttribute('aria-describedby');
    expect(await caption.getAttribute('id')).toBe(describedBy);
    await page.screenshot({ path: `${screenshotDir}/loris-e2e-job-page-sync.png`, fullPage: true });
  });

  it('moves the audio player’s playhead when the waveform is clicked', async () => {
    await clickWaveformAt(0.5);
    const time = await page
      .getByLabel('Soundtrack audio')
      .evaluate((node) => (node as unknown as { currentTime: number }).currentTime);
    expect(time).toBeGreaterThan(1.2);
    expect(time).toBeLessThan(1.8);
  });

  it('names the download after the input, the genre and the seed', async () => {
    const href = await page.getByRole('link', { name: 'Download WAV' }).getAttribute('href');
    const answer = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return [response.status, response.headers.get('content-disposition')];
    }, href!);
    expect(answer).toEqual([200, 'attachment; filename="salsa-dance-clip_pop_seed42.wav"']);
  });

  it('generates again with the same input and settings and a new seed, and opens the new job', async () => {
    await page.getByRole('button', { name: 'Generate again' }).click();
    await page.waitForURL((url) => jobUrl.test(url.href) && !url.href.endsWith(jobId));
    const againId = jobUrl.exec(page.url())![1];
    const [first, again] = [await apiJob(jobId), await apiJob(againId)];
    expect(again).toMatchObject({
      genre: first.genre,
      seconds: first.seconds,
      steps: first.steps,
      inputName: first.inputName,
    });
    expect(again.seed).not.toBe(first.seed);
    await page.locator('.job-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 120_000 });
    expect(await detail('Input')).toBe('salsa-dance-clip.json');
    expect(await detail('Seed')).toBe(String(again.seed));
  });

  it('shares one playhead between the video and the waveform for a job made from a video', async () => {
    await page.goto(`${web.url}/generate`);
    // People walking (OpenCV's vtest.avi, 6 s cut; licence in libs/media/fixtures/LICENSES.md).
    await page.getByLabel('Video or pose track').setInputFiles('libs/media/fixtures/vtest-6s.mp4');
    await page.getByRole('status').filter({ hasText: 'Video uploaded: vtest-6s.mp4' }).waitFor();
    await page.getByLabel('Genre').selectOption('House');
    await page.getByLabel('Seconds').fill('2');
    await page.getByLabel('Seed').fill('5');
    await page.getByLabel('Steps').fill('2');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.waitForURL(jobUrl);
    await page.locator('.job-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 180_000 });
    expect(await detail('Input')).toBe('vtest-6s.mp4');
    expect(await detail('Input length')).toBe('6.0 s');
    await page.locator('[data-waveform="ready"]').waitFor();
    const video = page.getByLabel('Video with the soundtrack');

    const length = await video.evaluate((node) => (node as unknown as { duration: number }).duration);
    expect(length).toBeGreaterThanOrEqual(2);
    expect(length).toBeLessThan(2.6);

    // The video moves the waveform's cursor (one timeline: the video's)...
    await video.evaluate((node) => {
      (node as unknown as { currentTime: number }).currentTime = 1;
    });
    const expected = (1 / length) * 100;
    for (let tries = 0; tries < 50 && !(Math.abs((await cursorPercent()) - expected) <= 0.5); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await cursorPercent()).toBeCloseTo(expected, 0);
    // ...and the waveform moves the video.
    await clickWaveformAt(0.25);
    const time = await video.evaluate((node) => (node as unknown as { currentTime: number }).currentTime);
    expect(time).toBeGreaterThan(0.2 * length);
    expect(time).toBeLessThan(0.3 * length);
    // The markers are placed on that same timeline.
    const job = await apiJob(jobUrl.exec(page.url())![1]);
    const beats = page.getByRole('img', { name: `Dance beats: ${job.sync!.visualBeats.length}` });
    if (job.sync!.visualBeats.length > 0) {
      const style = (await beats.locator('span').first().getAttribute('style'))!;
      expect(Number.parseFloat(style.replace(/^left:\s*/, ''))).toBeCloseTo(
        (job.sync!.visualBeats[0] / length) * 100,
        2,
      );
    }

    const href = await page.getByRole('link', { name: 'Download MP4' }).getAttribute('href');
    const disposition = await page.evaluate(
      async (url) => (await fetch(url)).headers.get('content-disposition'),
      href!,
    );
    expect(disposition).toBe('attachment; filename="vtest-6s_house_seed5.mp4"');
    await page.screenshot({ path: `${screenshotDir}/loris-e2e-job-page-video.png`, fullPage: true });
  });
});
