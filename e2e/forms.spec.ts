import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startTestApi, synthPosesJson, type TestApi } from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { MODEL_DIR } from './support/soundtrack-backend';

// Issue 13, point 6 in the browser: the key and invitation forms say what each role may do, a new key is an
// engineer by default, refusals read as sentences, every field (passwords too) keeps what was typed after a
// refusal, the Generate form remembers its genre and settings per browser, and the console has a favicon.
// One API and one browser for all of it: each step starts from where the last one left off.
jest.setTimeout(240_000);

let api: TestApi;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;
let storageDir: string;

const run = `${process.pid}-${Date.now()}`;
const owner = {
  email: `forms-${run}@example.com`,
  password: 'a long enough passphrase',
  tenant: `Forms ${run}`,
};
const sentence = /^[A-Z][^]*\.$/;
const roleLines = [/^Owner: .+\.$/, /^Curator: .+\.$/, /^Engineer: .+\.$/, /^Viewer: .+\.$/];

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-forms-'));
  storageDir = mkdtempSync(join(tmpdir(), 'loris-e2e-forms-storage-'));
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

// The page's own messages, inside <main>: Next.js adds a role=alert route announcer outside it.
async function alertText(): Promise<string> {
  const alert = page.locator('main').getByRole('alert');
  await alert.waitFor();
  return (await alert.innerText()).trim();
}

async function roleGuide(form: Locator): Promise<string[]> {
  return (await form.locator('.role-guide li').allInnerTexts()).map((line) => line.trim());
}

describe('forms', () => {
  it('refuses a short password in a sentence and keeps every field, the password included', async () => {
    await page.goto(`${web.url}/signup`);
    await page.getByLabel('Workspace name').fill(owner.tenant);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('too short');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    // The API says "password must be between 10 and 200 characters long".
    expect(await alertText()).toBe('Password must be between 10 and 200 characters long.');
    expect(await page.getByLabel('Workspace name').inputValue()).toBe(owner.tenant);
    expect(await page.getByLabel('Email').inputValue()).toBe(owner.email);
    expect(await page.getByLabel('Password').inputValue()).toBe('too short');

    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    // A new workspace starts on Generate (issue 13, point 5); the dataset form is on the datasets page.
    await page.waitForURL(`${web.url}/generate`);
    await page.goto(`${web.url}/dashboard`);
  });

  it('keeps the dataset fields after a refusal', async () => {
    const form = page.getByRole('form', { name: 'Create a dataset' });
    const long = 'n'.repeat(101);
    await form.getByLabel('Name').fill(long);
    await form.getByLabel('Category').selectOption('FLOOR_EXERCISE');
    await form.getByLabel('Description').fill('Floor routines');
    await form.getByRole('button', { name: 'Create dataset' }).click();
    expect(await alertText()).toMatch(sentence);
    expect(await form.getByLabel('Name').inputValue()).toBe(long);
    expect(await form.getByLabel('Category').inputValue()).toBe('FLOOR_EXERCISE');
    expect(await form.getByLabel('Description').inputValue()).toBe('Floor routines');
  });

  it('offers a new API key as an engineer, says what each role may do, and keeps the name', async () => {
    await page.goto(`${web.url}/api-keys`);
    const form = page.getByRole('form', { name: 'Create an API key' });
    expect(await form.getByLabel('Acts as role').inputValue()).toBe('ENGINEER');
    const lines = await roleGuide(form);
    expect(lines).toHaveLength(4);
    lines.forEach((line, i) => expect(line).toMatch(roleLines[i]));

    const long = 'k'.repeat(101);
    await form.getByLabel('Name').fill(long);
    await form.getByLabel('Acts as role').selectOption('CURATOR');
    await form.getByRole('button', { name: 'Create key' }).click();
    expect(await alertText()).toBe('Name must be between 1 and 100 characters long.');
    expect(await form.getByLabel('Name').inputValue()).toBe(long);
    expect(await form.getByLabel('Acts as role').inputValue()).toBe('CURATOR');

    await form.getByLabel('Name').fill('ci');
    await form.getByLabel('Acts as role').selectOption('ENGINEER');
    await form.getByRole('button', { name: 'Create key' }).click();
    await page
      .getByRole('table', { name: 'API keys' })
      .getByRole('row', { name: /ci.*Engineer/ })
      .waitFor();
  });

  let invitation = '';

  it('shows the same role lines on the invitation form, and keeps the email after a refusal', async () => {
    await page.goto(`${web.url}/members`);
    const form = page.getByRole('form', { name: 'Invite a member' });
    const keyLines = roleLines;
    const lines = await roleGuide(form);
    expect(lines).toHaveLength(4);
    lines.forEach((line, i) => expect(line).toMatch(keyLines[i]));

    // The browser takes "someone@localhost" as an email; the API wants a domain with a dot.
    await form.getByLabel('Email').fill('someone@localhost');
    await form.locator('select[name=role]').selectOption('CURATOR');
    await form.getByRole('button', { name: 'Create invitation link' }).click();
    expect(await alertText()).toBe('Email must be an email address, like ada@example.com.');
    expect(await form.getByLabel('Email').inputValue()).toBe('someone@localhost');
    expect(await form.locator('select[name=role]').inputValue()).toBe('CURATOR');

    await form.getByLabel('Email').fill(`curator-${run}@example.com`);
    await form.getByRole('button', { name: 'Create invitation link' }).click();
    invitation = (await page.getByLabel('Invitation link').innerText()).trim();
  });

  it('remembers the Generate genre and settings in this browser, not the seed or length', async () => {
    await page.goto(`${web.url}/generate`);
    const track = join(files, 'two-seconds.json');
    writeFileSync(track, synthPosesJson(2));
    await page.getByLabel('Video or pose track').setInputFiles(track);
    await page.getByRole('status').filter({ hasText: 'uploaded' }).waitFor();
    await page.getByLabel('Genre').selectOption('House');
    await page.getByLabel('Sampler').selectOption('heun');
    await page.getByLabel('Steps').fill('12');
    await page.getByLabel('Guidance').fill('2.5');
    await page.getByLabel('Seed').fill('7');
    // More seconds than the track has: refused at once, so the request is made but no job runs.
    await page.getByLabel('Seconds').fill('30');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByRole('button', { name: /^Use / }).waitFor();

    const next = await browser.context.newPage();
    try {
      await next.goto(`${web.url}/generate`);
      await next.getByLabel('Genre').waitFor();
      // Restored after hydration, so wait for it (a string: this file is compiled without the DOM's types).
      await next.waitForFunction(`document.querySelector('select[name=genre]')?.value === 'House'`);
      expect(await next.getByLabel('Sampler').inputValue()).toBe('heun');
      expect(await next.getByLabel('Steps').inputValue()).toBe('12');
      expect(await next.getByLabel('Guidance').inputValue()).toBe('2.5');
      expect(await next.getByLabel('Seed').inputValue()).toBe('');
      expect(await next.getByLabel('Seconds').inputValue()).toBe('');
    } finally {
      await next.close();
    }
  });

  it('keeps both passwords when joining is refused, and the password when logging in is', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${web.url}/login`);
    await page.goto(invitation);
    await page.getByLabel('Choose a password').fill('another long passphrase');
    await page.getByLabel('Repeat the password').fill('another long passphrase!');
    await page.getByRole('button', { name: 'Join the workspace' }).click();
    expect(await alertText()).toBe('The two passwords are not the same.');
    expect(await page.getByLabel('Choose a password').inputValue()).toBe('another long passphrase');
    expect(await page.getByLabel('Repeat the password').inputValue()).toBe('another long passphrase!');

    await page.goto(`${web.url}/login`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('not the passphrase');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await alertText()).toMatch(sentence);
    expect(await page.getByLabel('Email').inputValue()).toBe(owner.email);
    expect(await page.getByLabel('Password').inputValue()).toBe('not the passphrase');
  });

  it('has a favicon', async () => {
    const href = await page.locator('head link[rel="icon"]').first().getAttribute('href');
    expect(href).toBeTruthy();
    const icon = await fetch(new URL(href ?? '', web.url));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toContain('<svg');
  });
});
