/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Issue 15's evaluations in the console, in a real browser against the real API and a real worker process:
// the shipped default model is pushed with `loris models push` beside the built-in (the parity model here),
// a small frozen version (two 25 s libs/synth dancers in TEST) is evaluated with both at 2 sampler steps from
// the New evaluation form, its page follows the run to the end, the compare page shows the paper-style table
// with each column's best marked, the samples sort by a score, a segment is listened to (the ground truth and
// both versions, each audio loading), the CSV downloads, and `production` is moved to a compared version.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { BUILTIN_MODEL_VERSION_ID } from '@loris/db';
import { createApiKey, gql, ok, runLoris, signUpTenant, type SignedUp } from '../apps/api/test/support';
import { seedVersion, storeAt } from '../apps/api/test/integration/evaluation-data';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

jest.setTimeout(300_000);

const PASSWORD = 'correct horse battery';
const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? '/tmp';

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;
let owner: SignedUp;
let pushedId: string;
let evaluationId: string;

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}/loris-e2e-evaluations-${name}.png`, fullPage: true });
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-evaluations-'));
  backend = await startSoundtrackBackend();
  owner = await signUpTenant(backend.api.graphqlUrl, 'evaluations-e2e');
  const engineerKey = (await createApiKey(backend.api.graphqlUrl, owner.token, 'ENGINEER')).secret;
  const pushed = await runLoris(backend.api.baseUrl, engineerKey, [
    'models',
    'push',
    'models/default',
    '--model',
    'shipped',
    '--json',
  ]);
  expect(pushed.status).toBe(0);
  pushedId = (JSON.parse(pushed.stdout) as { id: string }).id;
  const db = new Client({ connectionString: backend.api.database.config.ownerUrl });
  await db.connect();
  try {
    await seedVersion(
      db,
      storeAt(backend.api.config.storage.env.STORAGE_DIR as string),
      owner.tenantId,
      'e2e set',
      [
        { genre: 'House', split: 'TEST', seed: 21 },
        { genre: 'Krump', split: 'TEST', seed: 22 },
      ],
    );
  } finally {
    await db.end();
  }
  await backend.startWorker();
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/(dashboard|generate)$/);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
  rmSync(files, { recursive: true, force: true });
});

describe('evaluating two versions and comparing them', () => {
  it('starts an evaluation from the form and follows it to the end on its page', async () => {
    await page.goto(`${web.url}/evaluations`);
    const form = page.getByRole('form', { name: 'New evaluation' });
    await form.getByLabel(/default v1/).check();
    await form.getByLabel(/shipped v1/).check();
    await form.getByLabel('Steps').fill('2');
    await form.getByLabel('Seeds').fill('0');
    await form.getByRole('button', { name: 'Start evaluation' }).click();
    await page.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/);
    evaluationId = /\/evaluations\/([0-9a-f-]{36})$/.exec(page.url())![1];
    await page.locator('[data-status="SUCCEEDED"]').waitFor({ timeout: 180_000 });
    expect(await page.getByRole('status').first().textContent()).toContain('4 of 4 samples');
    await screenshot('run');
  });

  it('compares the versions in the paper’s layout with the best value of each column marked', async () => {
    await page.getByRole('link', { name: 'Compare its versions' }).click();
    await page.waitForURL(/\/evaluations\/compare\?ids=/);
    const table = page.getByRole('table', { name: 'Comparison' });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-version')).toBe(BUILTIN_MODEL_VERSION_ID);
    expect(await rows.nth(1).getAttribute('data-version')).toBe(pushedId);
    for (const column of ['bcs', 'bhs', 'f1', 'onsetF']) {
      // Each column has its best marked, and it is the highest of the two.
      const cells = table.locator(`td[data-column="${column}"]`);
      const values = (await cells.allTextContents()).map((text) => parseFloat(text));
      const marked = await table.locator(`td[data-column="${column}"][data-best="true"]`).allTextContents();
      expect(marked.length).toBeGreaterThanOrEqual(1);
      for (const text of marked) expect(parseFloat(text)).toBe(Math.max(...values));
    }
    await screenshot('compare');
  });

  it('sorts the samples by a score', async () => {
    await page.getByRole('link', { name: /^Sort by Strict F(?! \()/ }).click();
    await page.waitForURL(/sort=ONSET_F/);
    const values = (
      await page.locator('table[aria-label="Samples"] td[data-column="onsetF"]').allTextContents()
    ).map((text) => parseFloat(text));
    expect(values).toHaveLength(4);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('listens to one segment: the ground truth and every version, each audio loading', async () => {
    await page.getByRole('link', { name: 'Listen' }).first().click();
    await page.waitForURL(/listen=/);
    const listening = page.getByRole('region', { name: 'Listening' });
    const audios = listening.locator('audio');
    expect(await audios.count()).toBe(3);
    const loaded = await audios.evaluateAll(async (elements) =>
      Promise.all(
        (elements as unknown as { src: string }[]).map(async (audio) => {
          // Not from the cache: the audio element may have left a ranged (206) entry there.
          const response = await fetch(audio.src, { cache: 'no-store' } as RequestInit);
          return { status: response.status, type: response.headers.get('content-type') };
        }),
      ),
    );
    expect(loaded).toEqual(Array(3).fill({ status: 200, type: 'audio/wav' }));
    // Every track's onsets are marked on its waveform, the ground truth's (the segment's stored onsets) too.
    const marked = listening.locator('[data-track="Ground truth"] [data-markers="onsets"] [data-time]');
    await marked.first().waitFor();
    for (const track of await listening.locator('[data-track]').all()) {
      expect(await track.locator('[data-markers="onsets"] [data-time]').count()).toBeGreaterThan(5);
    }
    await screenshot('listen');
  });

  it('downloads the comparison as CSV', async () => {
    const csv = await page.evaluate(async (id) => {
      const response = await fetch(`/evaluations/compare/csv?ids=${id}`);
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        text: await response.text(),
      };
    }, evaluationId);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^evaluation_id,model_version_id,model,/);
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/evaluations/compare/csv?ids=${evaluationId}`,
    );
  });

  it('moves production to a compared version from the compare page', async () => {
    const form = page.getByRole('form', { name: 'Move an alias' });
    await form.getByLabel('Alias').fill('production');
    await form.getByLabel(/^Version of/).selectOption(pushedId);
    await form.getByRole('button', { name: 'Move alias' }).click();
    await page.getByRole('status').filter({ hasText: '“production” now points at' }).waitFor();
    const { modelAliases } = ok(
      await gql<{ modelAliases: { name: string; versionId: string }[] }>(
        backend.api.graphqlUrl,
        '{ modelAliases { name versionId } }',
        {},
        { token: owner.token },
      ),
    );
    expect(modelAliases).toEqual([{ name: 'production', versionId: pushedId }]);
  });
});
