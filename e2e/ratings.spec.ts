/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Issue 17's MOS campaigns in a real browser against the real API, a real worker and the built console.
// The workspace's owner (signed in to the console; an owner may do all an engineer may) assembles a small
// campaign from the New campaign form (the built-in parity model and ground truth over two TEST segments,
// clips cut to 1.5 s so each plays to its end quickly), prepares it on the worker and opens it, and makes a
// personal rater link.
// Rater 1 (a browser of its own at phone width, no account) agrees, passes the hearing check (the campaign
// has no training anchors, so rating follows), rates the whole session with the keyboard (Enter plays, 1-5
// answers) and gets a completion code, which the console verifies. Rater 2 (the personal link) answers the
// trapping clip wrongly and ends up excluded, listed with TRAP_FAILED. The results page shows MOS ± CI.
// Then a second campaign shown with video, built in the form from uploads (picked from the workspace's
// and uploaded from the form): an item's audio and video, a baseline, a gold clip and a training clip; its
// page lists them, and a rater rates it on <video> players that only answer once played to the end.
// Last, a campaign over the same split with a baseline system: the form lists the split's segments by
// video, time and genre, each baseline row picks its segment and clip (in any order), a missing row is
// named, and the database shows each clip on its own segment's item.
// The raters' "ears" are as in the API's ratings suite: the hearing tones are measured (as an ear would
// hear the quieter one), and the spoken digits and which clip is a trap come from the database.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Locator, Page } from 'playwright-core';
import { RaterClient, signUpTenant, uploadBytes, waitFor, type SignedUp } from '../apps/api/test/support';
import { seedVersion, storeAt } from '../apps/api/test/integration/evaluation-data';
import { toneWav } from '../apps/api/test/integration/ratings-harness';
import { VTEST_CLIP } from '../libs/media/src/media-fixtures.testing';
import { launchChromium, type Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

jest.setTimeout(300_000);

const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? '/tmp';
const phone = { width: 390, height: 844 };
const QUESTION = 'How would you rate the overall quality of this audio clip?';

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let db: Client;
let campaignUrl: string;
let campaignLink: string;
let personalLink: string;
let firstCode: string;
let owner: SignedUp;
let videoCampaignUrl: string;
let videoLink: string;

// The browser globals the test reads (the root type check has no DOM library; see support/in-page.ts).
interface InPageStorage {
  localStorage: { getItem(key: string): string | null };
}
interface InPageFocus {
  document: { activeElement: unknown };
}

async function screenshot(tab: Page, name: string): Promise<void> {
  await tab.screenshot({ path: `${screenshotDir}/loris-e2e-ratings-${name}.png`, fullPage: true });
}

/** What the clip behind a session's handle is (the oracle for a person's ears). */
async function truth(clipId: string): Promise<{ kind: string; expected: number | null }> {
  const { rows } = await db.query(
    `SELECT st.kind::text AS kind, st.expected_score AS expected FROM rating_assignments a
       JOIN rating_stimuli st ON st.id = a.stimulus_id WHERE a.id = $1`,
    [clipId],
  );
  return rows[0] as { kind: string; expected: number | null };
}

/** The digits spoken in the session's environment clip. */
async function spokenDigits(sessionToken: string): Promise<string> {
  const { rows } = await db.query(
    `SELECT st.expected_answer FROM rater_sessions s JOIN rating_stimuli st ON st.id = s.environment_stimulus_id
      WHERE s.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
    [sessionToken],
  );
  return rows[0].expected_answer as string;
}

/**
 * One rater through the pages, by keyboard where a rater would use it: consent, the hearing check, the
 * examples (when the campaign has them, each on a player of the campaign's `media`), then every clip
 * played to its end and answered with a key. `answer` picks each score. Resolves with the completion code
 * shown at the end.
 */
async function rateSession(
  tab: Page,
  link: string,
  answer: (kind: string, expected: number | null, i: number) => number,
  name: string,
  { media = 'audio', examples = false }: { media?: 'audio' | 'video'; examples?: boolean } = {},
): Promise<string> {
  await tab.goto(`${web.url}/rate/${link}`);
  await tab.getByRole('button', { name: 'I agree, start' }).press('Enter');
  await tab.getByRole('heading', { name: 'Hearing check' }).waitFor();
  await screenshot(tab, `${name}-qualification`);
  // The page keeps its session token in localStorage (to resume after a reload); the ear reads the tones.
  const token = await tab.evaluate(
    (key) => (globalThis as unknown as InPageStorage).localStorage.getItem(key),
    `loris-rater:${link}`,
  );
  expect(token).toBeTruthy();
  const ear = new RaterClient(backend.api.baseUrl);
  ear.token = token!;
  const quieter = await ear.quieterTone();
  await tab.getByLabel(`Tone ${quieter + 1} is the quietest`).check();
  await tab.getByLabel('Digits', { exact: true }).fill(await spokenDigits(token!));
  await tab.getByRole('button', { name: 'Continue' }).press('Enter');
  if (examples) {
    await tab.getByRole('heading', { name: 'Examples' }).waitFor();
    await tab.locator(`${media}[aria-label="Example 1"]`).waitFor();
    await tab.getByRole('button', { name: 'Start rating' }).press('Enter');
  }
  // Without training anchors, the API goes straight to rating.
  await tab.getByText(/^Clip 1 of \d+$/).waitFor();
  // A reload resumes where the rater was.
  await tab.reload();
  await tab.getByText(/^Clip 1 of \d+$/).waitFor();

  let i = 0;
  for (;;) {
    const state = (await ear.state()).body as {
      clip: { id: string } | null;
      progress: { done: number; total: number };
    };
    if (!state.clip) break;
    await tab.getByText(`Clip ${state.progress.done + 1} of ${state.progress.total}`).waitFor();
    await tab.locator(`${media}[aria-label="Clip to rate"]`).waitFor();
    // Nothing answers before the clip has played to its end.
    expect(await tab.locator('.rater-scale button:not([disabled])').count()).toBe(0);
    await tab.keyboard.press('1');
    expect((await ear.state()).body).toMatchObject({ progress: { done: state.progress.done } });
    await tab.getByRole('button', { name: 'Play the clip' }).press('Enter');
    await tab.locator('.rater-scale button:not([disabled])').first().waitFor({ timeout: 30_000 });
    if (i === 0) await screenshot(tab, `${name}-rating`);
    const { kind, expected } = await truth(state.clip.id);
    await tab.keyboard.press(String(answer(kind, expected, i++)));
    await waitFor(
      async () => {
        const next = (await ear.state()).body as { progress: { done: number } };
        return next.progress.done > state.progress.done ? next : undefined;
      },
      'the vote to count',
      20_000,
    );
  }
  await tab.getByRole('heading', { name: 'Thank you!' }).waitFor();
  await screenshot(tab, `${name}-done`);
  const code = (await tab.getByLabel('Completion code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  // Nothing in the page names a system or a clip file.
  const html = await tab.content();
  expect(html).not.toMatch(/ground truth|parity|default v1|\.wav/i);
  return code;
}

/** Submits the New campaign form, reads the campaign link it shows once, and opens the campaign's page. */
async function createAndOpen(form: Locator): Promise<{ link: string; url: string }> {
  await form.getByRole('button', { name: 'Create campaign' }).click();
  const shown = form.getByLabel('Campaign link');
  await shown.waitFor();
  const link = /\/rate\/([A-Za-z0-9_-]{43})$/.exec((await shown.textContent())!.trim())![1];
  await form.getByRole('link', { name: 'open the campaign' }).click();
  await page.waitForURL(/\/ratings\/[0-9a-f-]{36}$/);
  return { link, url: page.url() };
}

/** The New campaign form's controls by their labels: whether one has the focus; an option picked by its text. */
function formControls(form: Locator) {
  return {
    isFocused: (label: string) =>
      form
        .getByLabel(label, { exact: true })
        .evaluate((element) => element === (globalThis as unknown as InPageFocus).document.activeElement),
    // An upload's option reads "name · length · by whom · date", a segment's "video · start–end · genre".
    pick: async (label: string, text: string) => {
      const select = form.getByLabel(label, { exact: true });
      await select.selectOption((await select.locator('option', { hasText: text }).getAttribute('value'))!);
    },
    /** The text of a select's chosen option. */
    chosen: (label: string) =>
      form.getByLabel(label, { exact: true }).locator('option:checked').textContent(),
  };
}

/** A browser of its own at phone width: no cookie, no storage of another rater. */
async function raterTab(): Promise<{ context: Browser; tab: Page }> {
  const context = await launchChromium();
  const tab = await context.context.newPage();
  await tab.setViewportSize(phone);
  tab.setDefaultTimeout(60_000);
  return { context, tab };
}

beforeAll(async () => {
  backend = await startSoundtrackBackend();
  owner = await signUpTenant(backend.api.graphqlUrl, 'ratings-e2e');
  db = new Client({ connectionString: backend.api.database.config.ownerUrl });
  await db.connect();
  await seedVersion(
    db,
    storeAt(backend.api.config.storage.env.STORAGE_DIR as string),
    owner.tenantId,
    'ratings e2e set',
    [
      { genre: 'House', split: 'TEST', seed: 31, name: 'house-floor.mp4' },
      { genre: 'Krump', split: 'TEST', seed: 32, name: 'krump-cypher.mp4', startSeconds: 30 },
    ],
  );
  await backend.startWorker();
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/(dashboard|generate)$/);
});

afterAll(async () => {
  await db?.end();
  await browser?.close();
  await web?.stop();
  await backend?.stop();
});

describe('a MOS campaign from the console to the raters and back', () => {
  it('assembles a campaign from the form, prepares it on the worker and opens it', async () => {
    await page.goto(`${web.url}/ratings`);
    const form = page.getByRole('form', { name: 'New campaign' });
    await form.getByLabel('Name', { exact: true }).fill('E2E listening test');
    await form.getByLabel(/default v1/).check();
    expect(await form.getByLabel(/Ground truth/).isChecked()).toBe(true);
    await form.getByLabel('Steps', { exact: true }).fill('2');
    await form.getByLabel('Seed', { exact: true }).fill('3');
    await form.getByLabel('Items (at most)', { exact: true }).fill('2');
    // Each 25 s segment's first 1.5 s, so every clip (and the trap over one) plays to its end quickly.
    await form.getByLabel('Clip length (s)').fill('1.5');
    await form.getByLabel('Votes per clip', { exact: true }).fill('2');
    await form.getByLabel('Clips per session', { exact: true }).fill('4');
    await form.getByLabel('Trapping clips per session', { exact: true }).fill('1');
    ({ link: campaignLink, url: campaignUrl } = await createAndOpen(form));
    await page.getByRole('button', { name: 'Prepare and open' }).click();
    // The page follows the preparation (it reloads its data while PREPARING) until the campaign opens.
    await page.locator('.page-header .status-badge', { hasText: 'OPEN' }).waitFor({ timeout: 240_000 });
    expect(await page.getByRole('button', { name: 'Close the campaign' }).isVisible()).toBe(true);
    await screenshot(page, 'campaign-open');

    await page.getByLabel('Rater link label').fill('panel 2');
    await page.getByRole('button', { name: 'Make a rater link' }).click();
    const personal = page.getByLabel('Rater link', { exact: true });
    await personal.waitFor();
    personalLink = /\/rate\/([A-Za-z0-9_-]{43})$/.exec((await personal.textContent())!.trim())![1];
    expect(personalLink).not.toBe(campaignLink);
  });

  it('takes rater 1 through qualification and a whole session by keyboard to a completion code', async () => {
    const { context, tab } = await raterTab();
    try {
      firstCode = await rateSession(
        tab,
        campaignLink,
        (kind, expected, i) => (kind === 'TRAP' || kind === 'GOLD' ? expected! : [4, 2, 5, 3][i % 4]),
        'rater-1',
      );
    } finally {
      await context.close();
    }
    await page.goto(campaignUrl);
    const verify = page.getByRole('form', { name: 'Verify a completion code' });
    await verify.getByLabel('Completion code').fill(firstCode.toLowerCase());
    await verify.getByRole('button', { name: 'Verify' }).click();
    await verify.getByText('counted in the results').waitFor();
  });

  it('excludes rater 2, who fails the trap, and lists the session with its reason', async () => {
    const { context, tab } = await raterTab();
    let code: string;
    try {
      code = await rateSession(
        tab,
        personalLink,
        (kind, expected, i) => (kind === 'TRAP' ? (expected! % 5) + 1 : [3, 4, 2, 5][i % 4]),
        'rater-2',
      );
    } finally {
      await context.close();
    }
    await page.goto(campaignUrl);
    const row = page.getByRole('table', { name: 'Rater sessions' }).locator('tr', { hasText: code });
    await row.waitFor();
    expect(await row.textContent()).toContain('TRAP_FAILED');
    expect(await row.locator('td').nth(3).textContent()).toBe('no');
    const first = page.getByRole('table', { name: 'Rater sessions' }).locator('tr', { hasText: firstCode });
    expect(await first.locator('td').nth(3).textContent()).toBe('yes');
  });

  it('shows MOS ± 95% CI per system from the counted session only', async () => {
    await page.goto(campaignUrl);
    const table = page.getByRole('table', { name: 'MOS per system' });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const index of [0, 1]) {
      const cells = rows.nth(index).locator('td');
      expect(await cells.nth(1).textContent()).toMatch(/^\d\.\d\d ± \d+\.\d\d$/);
      // Two items per system, one counted rater.
      expect(await cells.nth(4).textContent()).toBe('2');
      expect(await cells.nth(5).textContent()).toBe('1');
    }
    expect(await page.getByText(/4 counted votes from 1 rater\b/).isVisible()).toBe(true);
    expect(await page.getByText(QUESTION).first().isVisible()).toBe(true);
    await screenshot(page, 'results');
  });

  it('builds a campaign shown with video from uploads in the form: an item, a baseline, gold and training clips', async () => {
    // Already in the workspace: the item's audio and video, and a gold clip's WAV.
    const uploaded = async (bytes: Buffer, name: string) => {
      const res = await uploadBytes(
        backend.api.baseUrl,
        bytes,
        { token: owner.token },
        'application/octet-stream',
        name,
      );
      expect(res.status).toBe(201);
    };
    await uploaded(toneWav(330, 2), 'item-take.wav');
    await uploaded(readFileSync(VTEST_CLIP), 'item-dancers.mp4');
    await uploaded(toneWav(440, 1.5), 'gold-clean.wav');
    // On this machine, to upload from the form: the baseline's clip and a training clip.
    const files = mkdtempSync(join(tmpdir(), 'loris-e2e-ratings-'));
    writeFileSync(join(files, 'baseline-item-1.wav'), toneWav(550, 2));
    writeFileSync(join(files, 'anchor-bad.wav'), toneWav(660, 1));

    await page.goto(`${web.url}/ratings`);
    // The list (a page of campaigns) shows the first campaign.
    await page
      .getByRole('table', { name: 'Campaigns' })
      .getByRole('link', { name: 'E2E listening test' })
      .waitFor();
    const form = page.getByRole('form', { name: 'New campaign' });
    const { isFocused, pick } = formControls(form);
    await form.getByLabel('Name', { exact: true }).fill('E2E with pictures');
    await form.getByLabel('Presentation').selectOption('AUDIO_VIDEO');
    await form.getByLabel(/Uploaded items/).check();
    // Keyboard: "Add" puts the focus in the new row.
    await form.getByRole('button', { name: 'Add an item' }).press('Enter');
    expect(await isFocused('Item 1: pose track')).toBe(true);
    await pick('Item 1: audio (ground truth)', 'item-take.wav');
    await pick('Item 1: video', 'item-dancers.mp4');
    // The video's measured length fills the item's; a P.808 clip is a few seconds.
    expect(await form.getByLabel('Item 1: length (s)').inputValue()).toBe('6');
    await form.getByLabel('Item 1: length (s)').fill('1.5');
    await form.getByRole('button', { name: 'Add a baseline system' }).press('Enter');
    expect(await isFocused('Baseline 1: name')).toBe(true);
    await page.keyboard.type('sine baseline');
    await form
      .getByLabel('Upload Item 1: clip of sine baseline')
      .setInputFiles(join(files, 'baseline-item-1.wav'));
    await waitFor(
      async () =>
        (await form.getByLabel('Item 1: clip of sine baseline', { exact: true }).inputValue()) || undefined,
      'the baseline clip uploaded and picked',
      60_000,
    );
    await form.getByRole('button', { name: 'Add a gold clip' }).press('Enter');
    expect(await isFocused('Gold clip 1')).toBe(true);
    await pick('Gold clip 1', 'gold-clean.wav');
    await form.getByLabel('Gold clip 1: expected score').selectOption('5');
    await form.getByRole('button', { name: 'Add a training clip' }).press('Enter');
    await form.getByLabel('Upload Training clip 1').setInputFiles(join(files, 'anchor-bad.wav'));
    await waitFor(
      async () => (await form.getByLabel('Training clip 1', { exact: true }).inputValue()) || undefined,
      'the training clip uploaded and picked',
      60_000,
    );
    await form.getByLabel('Training clip 1: expected score').selectOption('1');
    await form.getByLabel('Votes per clip', { exact: true }).fill('1');
    await form.getByLabel('Clips per session', { exact: true }).fill('2');
    await form.getByLabel('Trapping clips per session', { exact: true }).fill('0');
    // A refusal names what to fix, and the rows stay as they were.
    await form.getByLabel('Gold clips per session').fill('2');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await form.getByText('Gold clips per session is 2, but only 1 gold clip is given.').waitFor();
    expect(await form.getByLabel('Item 1: length (s)').inputValue()).toBe('1.5');
    expect(await form.getByLabel('Presentation').inputValue()).toBe('AUDIO_VIDEO');
    expect(await form.getByLabel(/Uploaded items/).isChecked()).toBe(true);
    await form.getByLabel('Gold clips per session').fill('1');
    await screenshot(page, 'video-campaign-form');
    ({ link: videoLink, url: videoCampaignUrl } = await createAndOpen(form));

    const gold = page.getByRole('table', { name: 'Gold clips' });
    expect(await gold.locator('tbody tr').count()).toBe(1);
    expect(await gold.locator('tbody tr td').nth(1).textContent()).toBe('gold-clean.wav');
    expect(await gold.locator('tbody tr td').nth(2).textContent()).toBe('5');
    const training = page.getByRole('table', { name: 'Training clips' });
    expect(await training.locator('tbody tr td').nth(1).textContent()).toBe('anchor-bad.wav');
    expect(await training.locator('tbody tr td').nth(2).textContent()).toBe('1');
    expect(await page.getByText('audio with the item’s video').isVisible()).toBe(true);
    expect(
      await page.getByText(/ground truth \(ground truth\); sine baseline \(baseline\)/).isVisible(),
    ).toBe(true);
  });

  it('rates the video campaign on <video> players, each answered only after playing to its end', async () => {
    await page.goto(videoCampaignUrl);
    await page.getByRole('button', { name: 'Prepare and open' }).click();
    await page.locator('.page-header .status-badge', { hasText: 'OPEN' }).waitFor({ timeout: 240_000 });
    await screenshot(page, 'video-campaign-open');
    const { context, tab } = await raterTab();
    try {
      await rateSession(
        tab,
        videoLink,
        (kind, expected, i) => (kind === 'GOLD' ? expected! : [2, 4][i % 2]),
        'video-rater',
        { media: 'video', examples: true },
      );
    } finally {
      await context.close();
    }
  });

  it('matches a baseline’s clips to the split’s segments in the form, each row picking its segment', async () => {
    for (const name of ['baseline-house.wav', 'baseline-krump.wav']) {
      const res = await uploadBytes(
        backend.api.baseUrl,
        toneWav(name.includes('house') ? 700 : 800, 1.5),
        { token: owner.token },
        'application/octet-stream',
        name,
      );
      expect(res.status).toBe(201);
    }
    await page.goto(`${web.url}/ratings`);
    const form = page.getByRole('form', { name: 'New campaign' });
    const { isFocused, pick, chosen } = formControls(form);
    await form.getByLabel('Name', { exact: true }).fill('E2E split with a baseline');
    await form.getByLabel('Items (at most)', { exact: true }).fill('2');
    // The split's segments, as the campaign will take them, by the names a person knows them by.
    await form
      .getByText('The campaign takes the first 2 of the split’s 2 segments', { exact: false })
      .waitFor();
    await form.getByText('The 2 items').click();
    const items = form.getByRole('list', { name: 'The campaign’s items' });
    expect(await items.getByText('krump-cypher.mp4 · 0:30–0:55 · Krump').isVisible()).toBe(true);
    expect(await items.getByText('house-floor.mp4 · 0:00–0:25 · House').isVisible()).toBe(true);

    await form.getByRole('button', { name: 'Add a baseline system' }).press('Enter');
    expect(await isFocused('Baseline 1: name')).toBe(true);
    await page.keyboard.type('sine baseline');
    await form.getByRole('button', { name: 'Add a baseline row' }).press('Enter');
    expect(await isFocused('Baseline row 1: segment')).toBe(true);
    await pick('Baseline row 1: segment', 'krump-cypher.mp4');
    await pick('Baseline row 1: clip of sine baseline', 'baseline-krump.wav');
    // One row for two items: the refusal names the segment still without one, and the row stays.
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await form
      .getByText(
        'Each of the campaign’s 2 items needs a baseline row: add one for house-floor.mp4 · 0:00–0:25 · House, or lower “Items (at most)”.',
      )
      .waitFor();
    expect(await chosen('Baseline row 1: segment')).toBe('krump-cypher.mp4 · 0:30–0:55 · Krump');
    await form.getByRole('button', { name: 'Add a row for each item without one (1)' }).press('Enter');
    expect(await isFocused('Baseline row 2: clip of sine baseline')).toBe(true);
    expect(await chosen('Baseline row 2: segment')).toBe('house-floor.mp4 · 0:00–0:25 · House');
    await pick('Baseline row 2: clip of sine baseline', 'baseline-house.wav');
    await screenshot(page, 'split-baseline-form');
    const { url } = await createAndOpen(form);
    expect(
      await page.getByText(/ground truth \(ground truth\); sine baseline \(baseline\)/).isVisible(),
    ).toBe(true);

    // Each item's baseline clip is the one its segment's row chose.
    const id = /\/ratings\/([0-9a-f-]{36})$/.exec(url)![1];
    const { rows } = await db.query(
      `SELECT s.genre, a.file_name FROM rating_items i JOIN segments s ON s.id = i.segment_id
         JOIN rating_systems sy ON sy.campaign_id = i.campaign_id AND sy.kind = 'BASELINE'
         JOIN artifacts a ON a.id = sy.baseline_artifact_ids[i.ordinal + 1]
        WHERE i.campaign_id = $1 ORDER BY i.ordinal`,
      [id],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows as Array<{ genre: string; file_name: string }>)
      expect(row.file_name).toBe(`baseline-${row.genre.toLowerCase()}.wav`);
  });
});
