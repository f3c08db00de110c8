import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { signUpTenant, startTestApi, type SignedUp, type TestApi } from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';

// The Usage page (issue 18): a bar per limit with the same figures in words, past months, and a limit an
// operator set with `loris admin quotas set` marked as the workspace's own. Real API, built console,
// Chromium, the real `loris` binary on the owner connection.
jest.setTimeout(180_000);

let api: TestApi;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let owner: SignedUp;

const bar = (kind: string) => page.locator(`[data-quota="${kind}"]`);

beforeAll(async () => {
  api = await startTestApi();
  owner = await signUpTenant(api.graphqlUrl, 'usage-e2e');
  ({ web, browser, page } = await openConsole(api.baseUrl));
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.stop();
});

describe('usage page', () => {
  it('shows every limit as a bar with its figures in words', async () => {
    await page.getByRole('link', { name: 'Usage', exact: true }).click();
    await page.waitForURL(`${web.url}/usage`);
    const limits = page.getByRole('region', { name: 'Limits' });
    expect(await limits.getByRole('group').count()).toBe(5);
    expect(await bar('AUDIO_SECONDS').innerText()).toMatch(/Audio generated this month\s+0 s of 1 h \(0%\)/);
    expect(await bar('CONCURRENT_JOBS').innerText()).toMatch(/0 jobs of 4 jobs \(0%\)/);
    expect(await bar('STORED_BYTES').innerText()).toMatch(/0 bytes of 10 GiB \(0%\)/);
    // The bar is a meter a screen reader announces with the limit's name.
    const meter = bar('STORED_BYTES').getByRole('meter', { name: /Storage/ });
    expect(await meter.getAttribute('max')).toBe(String(10 * 1024 ** 3));
    expect(await page.getByRole('region', { name: 'Past months' }).innerText()).toMatch(
      /No soundtracks generated yet/,
    );
  });

  it('marks a limit an operator set as the workspace’s own', async () => {
    const set = spawnSync(
      process.execPath,
      ['tools/bin/loris.js', 'admin', 'quotas', 'set', '--tenant', owner.tenantId, '--concurrent-jobs', '0'],
      { encoding: 'utf8', env: { ...process.env, DATABASE_URL: api.database.config.ownerUrl } },
    );
    expect(set.stderr).toBe('');
    await page.reload();
    expect(await bar('CONCURRENT_JOBS').innerText()).toMatch(
      /this workspace’s own limit\s+0 jobs of 0 jobs \(100%\)/,
    );
    expect(await bar('AUDIO_SECONDS').innerText()).not.toMatch(/own limit/);
  });
});
