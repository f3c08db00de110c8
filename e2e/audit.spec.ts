import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  gql,
  ok,
  signUpTenant,
  startTestApi,
  startTestWorker,
  type SignedUp,
  type TestApi,
  type TestWorker,
} from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';

// The owner's audit log in the console: changes made through the API show up (through the real queue and
// worker), a filter narrows the list, and the CSV download holds exactly the filtered events, quoted so a
// dataset name with a comma and quotes survives.
jest.setTimeout(180_000);

let api: TestApi;
let worker: TestWorker;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let owner: SignedUp;

const run = `${process.pid}-${Date.now()}`;
const datasetNames = [`Plain ${run}`, `Moves, "quoted" ${run}`];
const datasetIds: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api.config);
  owner = await signUpTenant(api.graphqlUrl, 'audit-e2e');
  for (const name of datasetNames) {
    const created = await gql<{ createDataset: { id: string } }>(
      api.graphqlUrl,
      'mutation($name: String!) { createDataset(input: { name: $name, category: DANCE }) { id } }',
      { name },
      { token: owner.token },
    );
    datasetIds.push(ok(created).createDataset.id);
  }
  ok(
    await gql(
      api.graphqlUrl,
      'mutation { createApiKey(input: { name: "audit reader", role: VIEWER }) { secret } }',
      {},
      { token: owner.token },
    ),
  );
  ({ web, browser, page } = await openConsole(api.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await worker?.stop();
  await api?.stop();
});

const eventRows = () => page.getByRole('table', { name: 'Audit events' }).locator('tbody tr');

describe('audit log page', () => {
  it('lists the tenant’s events, newest first', async () => {
    await page.goto(`${web.url}/login`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${web.url}/dashboard`);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(`${web.url}/audit`);
    // sign-up, two datasets, one key: the worker writes them a moment after the requests.
    for (let attempt = 0; (await eventRows().count()) < 4 && attempt < 40; attempt++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    const actions = await eventRows().locator('td:nth-child(3)').allInnerTexts();
    // The page's words along with the rows, so a refusal shown instead of the table is in the failure.
    if (actions.length === 0) expect(await page.locator('main').innerText()).toBe('the audit events table');
    expect(actions).toEqual(['api_key.created', 'dataset.created', 'dataset.created', 'tenant.created']);
    expect(await eventRows().first().innerText()).toContain(owner.email);
  });

  it('narrows the list with a filter', async () => {
    await page.getByLabel('Action').fill('dataset.created');
    await page.getByRole('button', { name: 'Filter' }).click();
    // A plain GET form: the filter is in the address (the empty fields too).
    await page.waitForURL(
      (url) => url.pathname === '/audit' && url.searchParams.get('action') === 'dataset.created',
    );
    const rows = await eventRows().allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toContain(datasetIds[0]);
    expect(rows.join('\n')).toContain(datasetIds[1]);
    expect(rows.join('\n')).not.toContain('api_key.created');
  });

  it('downloads the filtered events as CSV, fields quoted', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these events as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-events-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'occurred_at,action,actor_kind,actor_id,actor,object_type,object_id,request_id,details',
    );
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(2);
    // Newest first: the quoted dataset was created second.
    expect(rows[0]).toContain(
      `,dataset.created,MEMBER,${owner.userId},${owner.email},dataset,${datasetIds[1]},`,
    );
    expect(rows[0].endsWith(`,"name=Moves, ""quoted"" ${run}; category=DANCE"`)).toBe(true);
    expect(rows[1]).toContain(`,dataset,${datasetIds[0]},`);
    expect(rows[1].endsWith(`,name=Plain ${run}; category=DANCE`)).toBe(true);
  });
});
