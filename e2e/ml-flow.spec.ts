/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Issue 15's whole flow, in a real browser against the real API, a real worker process and the real trainer:
// a curator's import (three synthetic 25 s segments, as `loris dataset import` sends them) is frozen from the
// dataset page; the engineer follows its "Train a model" link, trains the tiny config for 20 steps and
// watches the curve move; evaluates the new version against the built-in default on the version's test
// split, compares the two and moves `production` to the trained one from the compare page; and the next
// soundtrack request, which names no model, is served by it. The registry's contract check runs
// onnxruntime in this process (the API's), hence the environment above.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BUILTIN_MODEL_VERSION_ID } from '@loris/db';
import {
  createApiKey,
  gql,
  ok,
  requestSoundtrackId,
  signUpTenant,
  synthPosesJson,
  uploadBytes,
  waitFor,
  type SignedUp,
} from '../apps/api/test/support';
import { FAST_OVERRIDES, freezeTinyVersion } from '../apps/api/test/integration/training-fixture';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

jest.setTimeout(600_000);

const PASSWORD = 'correct horse battery';
const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? '/tmp';
const uuid = '[0-9a-f-]{36}';

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;
let owner: SignedUp;
let datasetId: string;
let trainedVersionId: string;

const call = async <T>(query: string, variables: Record<string, unknown> = {}) =>
  ok(await gql<T>(backend.api.graphqlUrl, query, variables, { token: owner.token }));

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-ml-flow-'));
  backend = await startSoundtrackBackend({ TRAINING_THREADS: '1' });
  owner = await signUpTenant(backend.api.graphqlUrl, 'ml-flow-e2e');
  const curator = { apiKey: (await createApiKey(backend.api.graphqlUrl, owner.token, 'CURATOR')).secret };
  await backend.startWorker();
  // Two segments to train on and one to test on, imported and accepted; the freeze is the browser's.
  ({ datasetId } = await freezeTinyVersion(backend.api, curator, join(files, 'dataset'), {
    splits: ['train', 'train', 'test'],
    freeze: false,
  }));
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

afterEach(async () => {
  await page
    ?.screenshot({ path: `${screenshotDir}/loris-e2e-ml-flow-last.png`, fullPage: true })
    .catch(() => undefined);
});

describe('from a frozen version to the model that serves', () => {
  it('freezes the curated segments with the import’s own split', async () => {
    await page.goto(`${web.url}/datasets/${datasetId}`);
    const form = page.getByRole('form', { name: 'Freeze a version' });
    await form.getByLabel('Split by').selectOption('SOURCE');
    await form.getByRole('button', { name: 'Freeze version' }).click();
    await form.getByRole('status').filter({ hasText: 'Froze version 1' }).waitFor();
    const version = page.getByRole('article', { name: 'Version 1' });
    expect(await version.innerText()).toMatch(/Test\s+1/);
  });

  it('trains the tiny config for 20 steps from the version’s link, the curve moving as it trains', async () => {
    await page.getByRole('link', { name: 'Train a model on version 1' }).click();
    await page.waitForURL(/\/training\?datasetVersion=/);
    const form = page.getByRole('form', { name: 'New run' });
    await form.getByLabel('Steps').fill('20');
    await form.getByLabel('Model name').fill('flow');
    const overrides = FAST_OVERRIDES.filter((o) => o.key !== 'train.crop_samples').map(
      (o) => `${o.key}=${o.value}`,
    );
    await form.getByLabel('Overrides').fill([...overrides, 'train.crop_samples=32768'].join('\n'));
    await form.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(new RegExp(`/training/${uuid}$`));

    const chart = page.getByRole('figure', { name: 'Loss curves' });
    const status = page.getByTestId('run-status');
    const seen = new Set<number>();
    const deadline = Date.now() + 300_000;
    for (;;) {
      seen.add(Number(await chart.getAttribute('data-train-points')));
      const now = await status.innerText();
      if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(now)) break;
      if (Date.now() > deadline) throw new Error(`the run is still ${now} after 5 minutes`);
      await page.waitForTimeout(250);
    }
    expect(await status.innerText()).toBe('SUCCEEDED');
    expect([...seen].some((n) => n > 1 && n < 20)).toBe(true);
    const runId = new RegExp(`/training/(${uuid})$`).exec(page.url())![1];
    const { trainingRun } = await call<{ trainingRun: { modelVersion: { id: string; modelName: string } } }>(
      `query($id: ID!) { trainingRun(id: $id) { modelVersion { id modelName } } }`,
      { id: runId },
    );
    expect(trainingRun.modelVersion.modelName).toBe('flow');
    trainedVersionId = trainingRun.modelVersion.id;
    await page.screenshot({ path: `${screenshotDir}/loris-e2e-ml-flow-run.png`, fullPage: true });
  });

  it('evaluates the trained version against the built-in default and compares them', async () => {
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Evaluations' })
      .click();
    await page.waitForURL(`${web.url}/evaluations`);
    const form = page.getByRole('form', { name: 'New evaluation' });
    await form.getByLabel(/default v1/).check();
    await form.getByLabel(/flow v1/).check();
    await form.getByLabel('Steps').fill('2');
    await form.getByLabel('Seeds').fill('0');
    await form.getByRole('button', { name: 'Start evaluation' }).click();
    await page.waitForURL(new RegExp(`/evaluations/${uuid}$`));
    await page.locator('[data-status="SUCCEEDED"]').waitFor({ timeout: 240_000 });

    await page.getByRole('link', { name: 'Compare its versions' }).click();
    await page.waitForURL(/\/evaluations\/compare\?ids=/);
    const rows = page.getByRole('table', { name: 'Comparison' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const versions = await rows.evaluateAll((found) =>
      found.map((row) => (row as unknown as { dataset: { version: string } }).dataset.version),
    );
    expect(versions.sort()).toEqual([BUILTIN_MODEL_VERSION_ID, trainedVersionId].sort());
    await page.screenshot({ path: `${screenshotDir}/loris-e2e-ml-flow-compare.png`, fullPage: true });
  });

  it('promotes the trained version to production, and the next request is served by it', async () => {
    const form = page.getByRole('form', { name: 'Move an alias' });
    await form.getByLabel('Alias').fill('production');
    await form.getByLabel(/^Version of/).selectOption(trainedVersionId);
    await form.getByRole('button', { name: 'Move alias' }).click();
    await page.getByRole('status').filter({ hasText: '“production” now points at' }).waitFor();

    const upload = await uploadBytes(backend.api.baseUrl, synthPosesJson(2), { token: owner.token });
    const jobId = await requestSoundtrackId(
      backend.api.graphqlUrl,
      { token: owner.token },
      { posesUploadId: upload.body.id, genre: 'House', seconds: 1, steps: 2, seed: 3 },
    );
    const done = await waitFor(
      async () => {
        const { soundtrackJob } = await call<{
          soundtrackJob: { status: string; modelVersionId: string | null; modelVersion: string | null };
        }>(`query($id: ID!) { soundtrackJob(id: $id) { status modelVersionId modelVersion } }`, {
          id: jobId,
        });
        return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(soundtrackJob.status)
          ? soundtrackJob
          : undefined;
      },
      `job ${jobId} to finish`,
      120_000,
    );
    expect(done).toMatchObject({ status: 'SUCCEEDED', modelVersionId: trainedVersionId });
    // The job's page names the version that served it.
    await page.goto(`${web.url}/soundtracks/${jobId}`);
    await page.getByText(trainedVersionId).first().waitFor();
  });
});
