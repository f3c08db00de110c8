import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Locator, Page } from 'playwright-core';
import { gql, ok, signUpTenant, synthPosesJson, uploadBytes } from '../apps/api/test/support';
import { asSentences } from '../apps/web/src/lib/forms/as-sentences';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import type { InPage, MediaElement } from './support/in-page';
import { sessionToken } from './support/session-token';
import { MODEL_DIR, startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

// Issue 6's browser path: sign up in the console, upload a pose track made by libs/synth, pick a genre,
// generate, watch the job's progress arrive live (the page is never reloaded) until it succeeds, and play
// the WAV through the console's media route. Around it: bad files refused in the API's words, the jobs list
// (filter, cancel), another workspace's jobs and media kept out, a real video through pose estimation to a
// playing MP4, and large uploads streamed without the console holding them. Real API, real worker process,
// real model (the parity fixture), the built console and Debian's Chromium.
jest.setTimeout(300_000);

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;

const run = `${process.pid}-${Date.now()}`;
const owner = { email: `gen-${run}@example.com`, password: 'a long enough passphrase', tenant: `Gen ${run}` };
const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? '/tmp';
// Small enough that a test can go over it quickly, large enough for one that stays under it.
const uploadLimit = 192 * 1024 * 1024;
const jobUrl = /\/soundtracks\/([0-9a-f-]{36})$/;

interface JobNode {
  id: string;
  status: string;
  progress: number;
  audio: { id: string } | null;
}

// A pose-track frame of `joints` COCO joints, all in the middle of the picture.
function frame(joints: number): number[][] {
  return Array.from({ length: joints }, () => [0.5, 0.5, 1]);
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}/loris-e2e-generate-${name}.png`, fullPage: true });
}

function pageAlert() {
  return page.locator('main').getByRole('alert');
}

async function apiJobs(status?: string): Promise<JobNode[]> {
  const listed = await gql<{ soundtrackJobs: { edges: { node: JobNode }[] } }>(
    backend.api.graphqlUrl,
    'query ($status: SoundtrackJobStatus) { soundtrackJobs(first: 50, status: $status) { edges { node { id status progress audio { id } } } } }',
    { status: status ?? null },
    { token: await sessionToken(browser.context) },
  );
  return ok(listed).soundtrackJobs.edges.map((edge) => edge.node);
}

// Every text the job's status line shows from now on, in order, as the page's own scripts change it.
async function recordStatusLine(): Promise<void> {
  await page.evaluate(() => {
    const inPage = globalThis as unknown as InPage;
    const line = inPage.document.querySelector('.job-status');
    if (!line) throw new Error('no status line on the page');
    const seen = [line.textContent ?? ''];
    inPage.seenTexts = seen;
    inPage.samePage = true;
    new inPage.MutationObserver(() => seen.push(line.textContent ?? '')).observe(line, {
      subtree: true,
      characterData: true,
      childList: true,
    });
  });
}

// Starts an <audio> or <video> from a script and lets it run for a moment: playing media has enough data
// to play (readyState 2 or more) and a clock that moves.
async function playBriefly(media: Locator) {
  return media.evaluate(async (node) => {
    const element = node as unknown as MediaElement;
    await element.play();
    const startedAt = element.currentTime;
    await new Promise((resolve) => setTimeout(resolve, 600));
    return {
      readyState: element.readyState,
      duration: element.duration,
      startedAt,
      later: element.currentTime,
      error: element.error?.message ?? null,
    };
  });
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-files-'));
  backend = await startSoundtrackBackend({ UPLOAD_MAX_BYTES: String(uploadLimit) });
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
  rmSync(files, { recursive: true, force: true });
});

describe('generating a soundtrack in the console', () => {
  let jobId = '';

  it('signs up and offers the serving model’s genres and shows its defaults', async () => {
    await page.goto(`${web.url}/signup`);
    await page.getByLabel('Workspace name').fill(owner.tenant);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    // A new workspace starts on Generate (issue 13, point 5).
    await page.waitForURL(`${web.url}/generate`);
    const genres = await page.getByLabel('Genre').locator('option').allInnerTexts();
    expect(genres).toEqual(expect.arrayContaining(['Break', 'Pop', 'House', 'Ballet Jazz']));
    // A blank setting is left to the model: each field says what that will be.
    const card = JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8'));
    expect(await page.getByLabel('Steps').getAttribute('placeholder')).toBe(
      `${card.sampler.steps} (model default)`,
    );
    expect(await page.getByLabel('Sampler').locator('option').first().innerText()).toBe(
      `${card.sampler.name} (model default)`,
    );
    // Nothing to generate from yet.
    expect(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled()).toBe(true);
  });

  it('shows the API’s own words when a file is not a usable pose track', async () => {
    const cases: [string, Buffer, RegExp][] = [
      ['poses.txt', Buffer.from('my favourite moves, written down\n'), /not a usable video/],
      [
        'sixteen.json',
        Buffer.from(JSON.stringify({ fps: 30, keypoints: [17, 17, 17, 16].map(frame) })),
        /16 joints/,
      ],
    ];
    for (const [name, bytes, words] of cases) {
      writeFileSync(join(files, name), bytes);
      await page.getByLabel('Video or pose track').setInputFiles(join(files, name));
      const alert = pageAlert().filter({ hasText: words });
      await alert.waitFor();
      // Word for word what the API says about the same bytes when asked directly, set as sentences as every
      // console message is.
      const direct = await uploadBytes(
        backend.api.baseUrl,
        bytes,
        { token: await sessionToken(browser.context) },
        'application/octet-stream',
        name,
      );
      expect(direct.status).toBe(400);
      const apiWords = (direct.body.errors as { message: string }[])[0].message;
      expect(await alert.innerText()).toBe(asSentences(apiWords));
      expect(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled()).toBe(true);
    }
    await screenshot('bad-upload');
  });

  it('uploads a synthetic dancer and queues one job however often Generate is clicked', async () => {
    writeFileSync(join(files, 'dancer.json'), synthPosesJson(3, 4));
    await page.getByLabel('Video or pose track').setInputFiles(join(files, 'dancer.json'));
    await page.getByRole('status').filter({ hasText: 'Pose track uploaded: dancer.json' }).waitFor();
    await page.getByLabel('Genre').selectOption('Pop');
    await page.getByLabel('Seconds').fill('1.5');
    await page.getByLabel('Seed').fill('7');
    await page.getByLabel('Steps').fill('20');
    await page.getByRole('button', { name: 'Generate', exact: true }).dblclick();
    await page.waitForURL(jobUrl);
    jobId = jobUrl.exec(page.url())![1];
    // No worker runs yet, so the page shows the job waiting.
    await page.locator('.job-status').filter({ hasText: 'Queued' }).waitFor();
    const jobs = await apiJobs();
    expect(jobs.map((job) => job.id)).toEqual([jobId]);
    await screenshot('queued');
  });

  it('shows the progress live until the job succeeds', async () => {
    await recordStatusLine();
    // The page follows the job over its event stream, not by the polling fallback.
    await page.getByText('Live', { exact: true }).waitFor();
    await backend.startWorker();
    await page.locator('.job-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (globalThis as unknown as InPage).seenTexts ?? []);
    const runningPercents = seen
      .map((text) => /^Running\s*(\d+)%$/.exec(text.trim()))
      .filter((match) => match !== null)
      .map((match) => Number(match[1]));
    // Steps reported while the sampler ran, in order, and the page itself was never reloaded.
    expect(runningPercents.some((percent) => percent > 0 && percent < 100)).toBe(true);
    expect(runningPercents).toEqual([...runningPercents].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatch(/Succeeded\s*100%/);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).samePage)).toBe(true);
    expect(await page.getByLabel('Generation progress').getAttribute('value')).toBe('1');
    expect(await page.getByText(/Checking every/).count()).toBe(0);

    // Asked again once finished, the stream says so in one event and ends.
    const replay = await page.evaluate(async (id) => {
      const response = await fetch(`/soundtracks/${id}/events`);
      return { type: response.headers.get('content-type'), text: await response.text() };
    }, jobId);
    expect(replay.type).toBe('text/event-stream; charset=utf-8');
    expect(replay.text).toMatch(/^event: job\ndata: \{[^\n]*"status":"SUCCEEDED"[^\n]*\}\n\n$/);
    await screenshot('succeeded');
  });

  it('plays the WAV through the console, which passes byte ranges on', async () => {
    const audio = page.getByLabel('Soundtrack audio');
    await audio.waitFor();
    const [job] = await apiJobs('SUCCEEDED');
    expect(job.id).toBe(jobId);
    expect(await audio.getAttribute('src')).toBe(`/media/${job.audio!.id}`);
    const played = await playBriefly(audio);
    expect(played.error).toBeNull();
    expect(played.readyState).toBeGreaterThanOrEqual(2);
    expect(played.duration).toBeCloseTo(1.5, 1);
    expect(played.later).toBeGreaterThan(played.startedAt);

    const ranged = await page.evaluate(async (src) => {
      const response = await fetch(src, { headers: { Range: 'bytes=0-99' } });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        range: response.headers.get('content-range'),
        length: bytes.length,
        head: String.fromCharCode(...bytes.slice(0, 4)),
      };
    }, `/media/${job.audio!.id}`);
    const whole = await fetch(`${backend.api.baseUrl}/v1/media/${job.audio!.id}`, {
      headers: { authorization: `Bearer ${await sessionToken(browser.context)}` },
    });
    const size = (await whole.arrayBuffer()).byteLength;
    expect(ranged).toEqual({
      status: 206,
      type: 'audio/wav',
      range: `bytes 0-99/${size}`,
      length: 100,
      head: 'RIFF',
    });

    const download = page.getByRole('link', { name: 'Download WAV' });
    const href = await download.getAttribute('href');
    const disposition = await page.evaluate(
      async (url) => (await fetch(url)).headers.get('content-disposition'),
      href!,
    );
    // Named after what it is: the input, the genre and the seed (the job page's download names).
    expect(disposition).toBe('attachment; filename="dancer_pop_seed7.wav"');
  });

  it('lists jobs newest first, filters them by status, and cancels one that is still running', async () => {
    const token = await sessionToken(browser.context);
    const [upload] = await apiJobs('SUCCEEDED');
    expect(upload).toBeDefined();
    const poses = await uploadBytes(backend.api.baseUrl, synthPosesJson(3, 5), { token });
    const long = ok(
      await gql<{ requestSoundtrack: { id: string } }>(
        backend.api.graphqlUrl,
        'mutation ($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }',
        { input: { posesUploadId: poses.body.id, genre: 'House', seconds: 1.5, steps: 1000, seed: 1 } },
        { token },
      ),
    ).requestSoundtrack;

    await page.getByRole('link', { name: 'Soundtracks', exact: true }).click();
    await page.waitForURL(`${web.url}/soundtracks`);
    const table = page.getByRole('table', { name: 'Soundtracks' });
    const rows = table.getByRole('row');
    await rows.nth(2).waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/House/);
    expect(texts[2]).toMatch(/Pop\s+1\.5 s\s+Succeeded\s+100%/);

    await page.getByRole('button', { name: `Cancel job ${long.id.slice(0, 8)}` }).click();
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await table.getByRole('row', { name: /House/ }).getByText('Cancelled').waitFor();
    expect((await apiJobs('CANCELLED')).map((job) => job.id)).toEqual([long.id]);

    await page
      .getByRole('navigation', { name: 'Filter by status' })
      .getByRole('link', { name: 'Succeeded', exact: true })
      .click();
    await page.waitForURL(`${web.url}/soundtracks?status=SUCCEEDED`);
    await table.getByRole('row', { name: /Pop/ }).waitFor();
    expect(await rows.count()).toBe(2);
    await screenshot('jobs');
    await table.getByRole('link').first().click();
    await page.waitForURL(`${web.url}/soundtracks/${jobId}`);
    await page.getByLabel('Soundtrack audio').waitFor();
  });

  it('keeps another workspace’s jobs and media out of reach', async () => {
    const other = await signUpTenant(backend.api.graphqlUrl, 'e2e-other');
    const theirUpload = await uploadBytes(backend.api.baseUrl, synthPosesJson(2, 9), { token: other.token });
    const theirJob = ok(
      await gql<{ requestSoundtrack: { id: string } }>(
        backend.api.graphqlUrl,
        'mutation ($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }',
        { input: { posesUploadId: theirUpload.body.id, genre: 'Lock', seconds: 1, steps: 2, seed: 2 } },
        { token: other.token },
      ),
    ).requestSoundtrack;

    const answers = await page.evaluate(
      async ({ mediaId, jobId: theirs }) => {
        const media = await fetch(`/media/${mediaId}`, { headers: { Range: 'bytes=0-9' } });
        const json = await fetch(`/soundtracks/${theirs}/events`, {
          headers: { accept: 'application/json' },
        });
        const stream = await fetch(`/soundtracks/${theirs}/events`);
        return {
          media: [media.status, await media.json()],
          json: [json.status, await json.json()],
          stream: [stream.status, await stream.text()],
        };
      },
      { mediaId: theirUpload.body.id as string, jobId: theirJob.id },
    );
    expect(answers.media[0]).toBe(404);
    expect(answers.media[1]).toEqual({
      error: { code: 'NOT_FOUND', message: `Media ${theirUpload.body.id} was not found` },
    });
    expect(answers.json[0]).toBe(404);
    expect(answers.stream[0]).toBe(200);
    expect(answers.stream[1]).toContain('event: failure');
    expect(answers.stream[1]).toContain('"code":"NOT_FOUND"');
    expect(answers.stream[1]).not.toContain('event: job');

    const response = await page.goto(`${web.url}/soundtracks/${theirJob.id}`);
    expect(response?.status()).toBe(404);
  });

  it('generates from a video of people and plays the video with its new music', async () => {
    await page.goto(`${web.url}/generate`);
    // People walking (OpenCV's vtest.avi, 6 s cut; licence in libs/media/fixtures/LICENSES.md).
    await page.getByLabel('Video or pose track').setInputFiles('libs/media/fixtures/vtest-6s.mp4');
    await page.getByRole('status').filter({ hasText: 'Video uploaded: vtest-6s.mp4' }).waitFor();
    await page.getByLabel('Genre').selectOption('House');
    await page.getByLabel('Seconds').fill('2');
    await page.getByLabel('Steps').fill('2');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.waitForURL(jobUrl);
    await page.locator('.job-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 180_000 });
    const video = page.getByLabel('Video with the soundtrack');
    const played = await playBriefly(video);
    expect(played.error).toBeNull();
    expect(played.readyState).toBeGreaterThanOrEqual(2);
    expect(played.duration).toBeCloseTo(2, 0);
    expect(played.later).toBeGreaterThan(played.startedAt);
    const href = await page.getByRole('link', { name: 'Download MP4' }).getAttribute('href');
    const answer = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      return [response.headers.get('content-type'), response.headers.get('content-disposition')];
    }, href);
    expect(answer[0]).toBe('video/mp4');
    expect(answer[1]).toMatch(/^attachment; filename="vtest-6s_house_seed\d+\.mp4"$/);
    await page.getByLabel('Soundtrack audio').waitFor();
    await screenshot('video');
  });

  it('streams large uploads on to the API without holding them in memory', async () => {
    // 160 MiB of the letter A is no video: the API read it all, then refused it in words.
    const under = await uploadThroughConsole(160 * 1024 * 1024);
    expect(under.status).toBe(400);
    expect(under.message).toMatch(/not a usable video/);
    expect(under.peakGrowth).toBeLessThan(96 * 1024 * 1024);
    // Over the API's limit: it stops reading part way and says why, which must reach the user too.
    const over = await uploadThroughConsole(256 * 1024 * 1024);
    expect(over.status).toBe(413);
    expect(over.message).toBe(
      `The upload is larger than the limit of ${uploadLimit} bytes (UPLOAD_MAX_BYTES)`,
    );
    expect(over.peakGrowth).toBeLessThan(96 * 1024 * 1024);
  });
});

// POSTs `size` bytes to the console's upload route as a stream (never whole in this process either) and
// says what came back and how much the console's peak memory grew meanwhile.
async function uploadThroughConsole(size: number) {
  const before = peakResidentBytes(web.pid);
  const chunk = Buffer.alloc(1024 * 1024, 0x41);
  const body = Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
    })(),
  );
  const response = await fetch(`${web.url}/generate/upload`, {
    method: 'POST',
    headers: { cookie: `loris_session=${await sessionToken(browser.context)}` },
    body: Readable.toWeb(body) as ReadableStream,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  const answer = (await response.json()) as { error?: { message: string } };
  return {
    status: response.status,
    message: answer.error?.message,
    peakGrowth: peakResidentBytes(web.pid) - before,
  };
}

// The most memory the process has held at once (VmHWM), which a buffered body would have pushed up by its
// whole size.
function peakResidentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) * 1024;
}
