/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Issue 15's training in the console, in a real browser against the real API and a real worker process
// running the real trainer: a curator's key imports and freezes a small version (three synthetic 25 s
// segments, as `loris dataset import` does); the owner opens Training from the top bar, starts a tiny run
// of 20 steps on that version with the New run form, lands on the run's page and watches the loss curve
// grow point by point, until the run ends SUCCEEDED and links the model version it registered. The
// registry's contract check runs onnxruntime in this process (the API's), hence the environment above.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createApiKey, signUpTenant, type SignedUp } from '../apps/api/test/support';
import { FAST_OVERRIDES, freezeTinyVersion } from '../apps/api/test/integration/training-fixture';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

jest.setTimeout(400_000);

const PASSWORD = 'correct horse battery';
const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? '/tmp';
const runUrl = /\/training\/([0-9a-f-]{36})$/;

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;
let owner: SignedUp;
let versionId: string;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-training-'));
  backend = await startSoundtrackBackend({ TRAINING_THREADS: '1' });
  owner = await signUpTenant(backend.api.graphqlUrl, 'training-e2e');
  const curator = { apiKey: (await createApiKey(backend.api.graphqlUrl, owner.token, 'CURATOR')).secret };
  await backend.startWorker();
  versionId = (await freezeTinyVersion(backend.api, curator, join(files, 'dataset'))).versionId!;
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
  rmSync(files, { recursive: true, force: true });
});

afterEach(async () => {
  // What the page showed when a step failed (the passing path takes its own screenshot).
  await page
    ?.screenshot({ path: `${screenshotDir}/loris-e2e-training-last.png`, fullPage: true })
    .catch(() => undefined);
});

describe('training a model from the console', () => {
  it('starts a tiny run, draws its curve as it trains, and links the version it registered', async () => {
    await page.goto(`${web.url}/login`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/(dashboard|generate)$/);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Training' }).click();
    await page.waitForURL(`${web.url}/training`);
    await page.getByText('No training runs yet.').waitFor();

    const form = page.getByRole('form', { name: 'New run' });
    await form.getByLabel('Dataset version').fill(versionId);
    await form.getByLabel('Steps').fill('20');
    await form.getByLabel('Model name').fill('console-run');
    // Slower steps than the integration suites' (longer windows), so the page sees the curve grow.
    const overrides = FAST_OVERRIDES.filter((o) => o.key !== 'train.crop_samples').map(
      (o) => `${o.key}=${o.value}`,
    );
    await form.getByLabel('Overrides').fill([...overrides, 'train.crop_samples=32768'].join('\n'));
    await form.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(runUrl);

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
    await page.screenshot({ path: `${screenshotDir}/loris-e2e-training-run.png`, fullPage: true });
    expect(await status.innerText()).toBe('SUCCEEDED');
    // The curve moved while the page watched: it showed some points, then more, before the end.
    const partial = [...seen].filter((n) => n > 1 && n < 20);
    expect(partial.length).toBeGreaterThanOrEqual(1);
    expect(await chart.getAttribute('data-train-points')).toBe('20');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    const version = page.getByTestId('run-model-version');
    expect(await version.innerText()).toMatch(/^console-run #1 \(/);
    await version.click();
    await page.waitForURL(/\/models\?model=/);
    await page.getByRole('heading', { name: 'Versions of console-run' }).waitFor();
  });
});
