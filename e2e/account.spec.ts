import type { Page } from 'playwright-core';
import {
  gql,
  signUpTenant,
  startTestApi,
  startTestWorker,
  type SignedUp,
  type TestApi,
  type TestWorker,
} from '../apps/api/test/support';
import { launchChromium, type Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { sessionToken } from './support/session-token';

// The account page and key rotation in the console, against the real API: changing the password signs the
// other browser out (its next page goes to the log-in page, and the API refuses its cookie's token),
// rotating a key shows the new secret once (the old one is refused at once), and logging out ends the
// token on the server, not only in this browser.
jest.setTimeout(180_000);

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a much newer password';
const ME = '{ me { user { id } } }';

let api: TestApi;
let worker: TestWorker;
let web: ConsoleServer;
let browser: Browser;
let other: Browser;
let page: Page;
let otherPage: Page;
let owner: SignedUp;

async function logIn(tab: Page, password = PASSWORD): Promise<void> {
  await tab.goto(`${web.url}/login`);
  await tab.getByLabel('Email').fill(owner.email);
  await tab.getByLabel('Password').fill(password);
  await tab.getByRole('button', { name: 'Log in' }).click();
  await tab.waitForURL(`${web.url}/dashboard`);
}

/** What the API answers a token with: the member, or the refusal's code and words. */
async function apiSays(token: string): Promise<string> {
  const res = await gql<{ me: { user: { id: string } } }>(api.graphqlUrl, ME, {}, { token });
  return res.data
    ? `member ${res.data.me.user.id}`
    : `${res.errors?.[0].extensions?.code}: ${res.errors?.[0].message}`;
}

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.config);
  owner = await signUpTenant(api.graphqlUrl, 'account-e2e');
  ({ web, browser, page } = await openConsole(api.baseUrl));
  other = await launchChromium();
  otherPage = await other.context.newPage();
  otherPage.setDefaultTimeout(60_000);
  // Every confirmation (rotate, sign out a session) is answered yes.
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await other?.close();
  await browser?.close();
  await web?.stop();
  await worker?.stop();
  await api?.stop();
});

describe('account page', () => {
  it('lists this browser’s session among the others', async () => {
    await logIn(page);
    await logIn(otherPage);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.waitForURL(`${web.url}/account`);
    const rows = page.getByRole('table', { name: 'Active sessions' }).locator('tbody tr');
    // The API sign-up of the test, and the two browsers.
    expect(await rows.count()).toBe(3);
    const current = await rows.filter({ hasText: 'this session' }).allInnerTexts();
    expect(current).toHaveLength(1);
    // The console passes the browser's User-Agent on when signing in.
    expect(current[0]).toMatch(/Chrom(e|ium)|HeadlessChrome/);
  });

  it('changes the password and signs the other browser out', async () => {
    const otherToken = await sessionToken(other.context);
    expect(await apiSays(otherToken)).toBe(`member ${owner.userId}`);

    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel(/^New password(?! again)/).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. 2 other sessions signed out.').waitFor();

    // The other browser's next page finds its session over.
    await otherPage.goto(`${web.url}/dashboard`);
    await otherPage.waitForURL((url) => url.pathname === '/login');
    expect(await apiSays(otherToken)).toMatch(
      /^UNAUTHENTICATED: Your session was ended at .+; log in again$/,
    );

    // This browser goes on; the new password is the one that works now.
    await page.reload();
    expect(await page.getByRole('table', { name: 'Active sessions' }).locator('tbody tr').count()).toBe(1);
    await logIn(otherPage, NEW_PASSWORD);
  });
});

describe('API key rotation', () => {
  it('shows the new secret once, and the old secret stops working', async () => {
    const name = `rotated ${Date.now()}`;
    await page.goto(`${web.url}/api-keys`);
    await page.getByLabel('Name').fill(name);
    const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;
    await page.getByLabel('Expires on (optional)').fill(nextYear);
    await page.getByRole('button', { name: 'Create key' }).click();
    const first = await page.getByLabel('New API key secret').innerText();
    expect(first).toMatch(/^lsk_/);
    const row = page.getByRole('row').filter({ hasText: name });
    expect(await row.innerText()).not.toContain('Never\tNever');

    await row.getByRole('button', { name: `Rotate ${name}` }).click();
    const second = await page.getByLabel(`New secret of ${name}`).innerText();
    expect(second).toMatch(/^lsk_/);
    expect(second).not.toBe(first);

    const me = (apiKey: string) => gql(api.graphqlUrl, '{ me { role } }', {}, { apiKey });
    expect((await me(first)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me(second)).data).toEqual({ me: { role: 'ENGINEER' } });

    // Shown once: the page, loaded again, no longer holds it.
    await page.reload();
    await page.getByRole('row').filter({ hasText: name }).waitFor();
    expect(await page.getByText(second).count()).toBe(0);
  });
});

describe('log out', () => {
  it('ends the token on the server, so a copy of the cookie is refused', async () => {
    const token = await sessionToken(browser.context);
    expect(await apiSays(token)).toBe(`member ${owner.userId}`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${web.url}/login`);
    expect(await apiSays(token)).toMatch(/^UNAUTHENTICATED: Your session was ended at .+; log in again$/);
  });
});
