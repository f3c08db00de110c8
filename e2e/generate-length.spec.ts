import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startTestApi, synthPosesJson, type TestApi } from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { MODEL_DIR } from './support/soundtrack-backend';

// Issue 13, point 1 in the browser: after an upload the Generate form shows the input's length as a person
// reads it, and a request refused for asking more seconds than the input has offers the fix as a button
// that fills Seconds. The refusal is the API's, at request time: no worker runs, no job is queued.
jest.setTimeout(180_000);

let api: TestApi;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;
let storageDir: string;

const run = `${process.pid}-${Date.now()}`;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-length-'));
  storageDir = mkdtempSync(join(tmpdir(), 'loris-e2e-length-storage-'));
  api = await startTestApi({ env: { MODEL_DIR, STORAGE_DIR: storageDir } });
  ({ web, browser, page } = await openConsole(api.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.stop();
  rmSync(files, { recursive: true, force: true });
  rmSync(storageDir, { recursive: true, force: true });
});

it('shows the length of an upload and offers "Use 2.0 s" when more is asked', async () => {
  await page.goto(`${web.url}/signup`);
  await page.getByLabel('Workspace name').fill(`Length ${run}`);
  await page.getByLabel('Email').fill(`length-${run}@example.com`);
  await page.getByLabel('Password').fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  // A new workspace starts on Generate (issue 13, point 5).
  await page.waitForURL(`${web.url}/generate`);

  const track = join(files, 'two-seconds.json');
  writeFileSync(track, synthPosesJson(2));
  await page.getByLabel('Video or pose track').setInputFiles(track);
  const uploaded = page.getByRole('status').filter({ hasText: 'uploaded' });
  await uploaded.waitFor();
  // libs/synth's track: 2 s at its own frame rate, shown rounded, never the raw float.
  expect(await uploaded.innerText()).toMatch(/· 2\.0 s, \d+ frames at \d+ fps$/);

  await page.getByLabel('Seconds').fill('23.777233');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const fix = page.getByRole('button', { name: 'Use 2.0 s' });
  await fix.waitFor();
  expect(await page.getByLabel('Seconds').inputValue()).toBe('23.777233'); // kept after the refusal
  await fix.click();
  expect(await page.getByLabel('Seconds').inputValue()).toBe('2');
});
