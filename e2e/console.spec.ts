import type { Page } from 'playwright-core';
import { gql, ok, signUpTenant, startTestApi, type TestApi } from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';

// The whole path a new customer takes: sign up in the console, create a dataset, see it listed, create an
// API key, then use that key as a program would and get the dataset back from the API.
jest.setTimeout(180_000);

let api: TestApi;
let web: ConsoleServer;
let browser: Browser;
let page: Page;

const run = `${process.pid}-${Date.now()}`;
const owner = {
  email: `owner-${run}@example.com`,
  password: 'a long enough passphrase',
  tenant: `Studio ${run}`,
};
const datasetName = `Street dance ${run}`;
const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? '/tmp';

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}/loris-e2e-${name}.png`, fullPage: true });
}

// The page's own messages, inside <main>: Next.js adds a role=alert route announcer (it reads out the
// page title) outside it.
function pageAlert() {
  return page.locator('main').getByRole('alert');
}

beforeAll(async () => {
  api = await startTestApi();
  ({ web, browser, page } = await openConsole(api.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.stop();
});

describe('console', () => {
  let apiKeySecret = '';

  it('signs a new owner up, who starts on Generate and finds an empty dashboard', async () => {
    await page.goto(`${web.url}/dashboard`);
    await page.waitForURL(`${web.url}/login`);
    await page.getByRole('link', { name: 'Create a workspace' }).click();
    await page.getByLabel('Workspace name').fill(owner.tenant);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    // A new workspace starts on Generate (issue 13, point 5).
    await page.waitForURL(`${web.url}/generate`);
    await page.getByRole('link', { name: 'Datasets', exact: true }).click();
    await page.waitForURL(`${web.url}/dashboard`);
    await page.getByText('No datasets yet').waitFor();
    expect(await page.locator('.whoami').innerText()).toContain(`${owner.email} · ${owner.tenant} · Owner`);
  });

  it('creates a dataset and lists it', async () => {
    const form = page.getByRole('form', { name: 'Create a dataset' });
    await form.getByLabel('Name').fill(datasetName);
    await form.getByLabel('Category').selectOption('FLOOR_EXERCISE');
    await form.getByLabel('Description').fill('FineGym floor routines, 25 s segments');
    await form.getByRole('button', { name: 'Create dataset' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Created “${datasetName}”` })
      .waitFor();
    const row = page
      .getByRole('table', { name: 'Datasets' })
      .getByRole('row', { name: new RegExp(datasetName) });
    await row.waitFor();
    expect(await row.innerText()).toContain('Floor exercise');
    await screenshot('dashboard');
  });

  it('shows the API refusal in words when the input is bad', async () => {
    const form = page.getByRole('form', { name: 'Create a dataset' });
    await form.getByLabel('Name').fill('x'.repeat(101));
    await form.getByRole('button', { name: 'Create dataset' }).click();
    const alert = pageAlert();
    await alert.waitFor();
    const words = await alert.innerText();
    expect(words).toMatch(/name/i);
    expect(words).not.toMatch(/BAD_USER_INPUT|Error:|at \w+ \(/);
    // What was typed survives the round trip, so the user can correct it.
    expect(await form.getByLabel('Name').inputValue()).toBe('x'.repeat(101));
  });

  it('creates an API key whose secret is shown once', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(`${web.url}/api-keys`);
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('e2e reader');
    await form.getByLabel('Acts as role').selectOption('VIEWER');
    await form.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByLabel('New API key secret');
    await secret.waitFor();
    apiKeySecret = (await secret.innerText()).trim();
    expect(apiKeySecret.length).toBeGreaterThan(20);
    await page
      .getByRole('table', { name: 'API keys' })
      .getByRole('row', { name: /e2e reader/ })
      .waitFor();
    await screenshot('api-keys');

    await page.reload();
    await page
      .getByRole('table', { name: 'API keys' })
      .getByRole('row', { name: /e2e reader/ })
      .waitFor();
    expect(await page.content()).not.toContain(apiKeySecret);
  });

  it('gets the dataset back from the API with that key', async () => {
    const listed = await gql<{
      datasets: { edges: { node: { id: string; name: string; category: string } }[] };
    }>(
      api.graphqlUrl,
      '{ datasets(first: 20) { edges { node { id name category } } } }',
      {},
      { apiKey: apiKeySecret },
    );
    expect(listed.errors).toBeUndefined();
    const node = listed.data?.datasets.edges.map((edge) => edge.node).find((n) => n.name === datasetName);
    expect(node).toMatchObject({ name: datasetName, category: 'FLOOR_EXERCISE' });

    // The console serves the API on its own origin too: the same call through it gives the same dataset.
    const one = await gql<{ dataset: { name: string; description: string } }>(
      `${web.url}/graphql`,
      'query ($id: ID!) { dataset(id: $id) { name description } }',
      { id: node?.id },
      { apiKey: apiKeySecret },
    );
    expect(one.errors).toBeUndefined();
    expect(one.data?.dataset).toEqual({
      name: datasetName,
      description: 'FineGym floor routines, 25 s segments',
    });
  });

  it('revokes the key, after which the API refuses it', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke e2e reader' }).click();
    await page
      .getByRole('row', { name: /e2e reader/ })
      .getByText(/Revoked/)
      .waitFor();
    const refused = await gql(api.graphqlUrl, '{ me { role } }', {}, { apiKey: apiKeySecret });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('invites a member who joins through the link as a viewer', async () => {
    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(`${web.url}/members`);
    const form = page.getByRole('form', { name: 'Invite a member' });
    const viewer = `viewer-${run}@example.com`;
    await form.getByLabel('Email').fill(viewer);
    await form.getByLabel('Role').selectOption('VIEWER');
    await form.getByRole('button', { name: 'Create invitation link' }).click();
    const link = (await page.getByLabel('Invitation link').innerText()).trim();
    expect(link).toMatch(new RegExp(`^${web.url}/accept-invitation\\?token=`));
    await screenshot('members');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${web.url}/login`);
    await page.goto(link);
    await page.getByLabel('Choose a password').fill('another long passphrase');
    await page.getByLabel('Repeat the password').fill('another long passphrase');
    await page.getByRole('button', { name: 'Join the workspace' }).click();
    await page.waitForURL(`${web.url}/dashboard`);
    expect(await page.locator('.whoami').innerText()).toContain(`${viewer} · ${owner.tenant} · Viewer`);
    await page.getByRole('row', { name: new RegExp(datasetName) }).waitFor();
    // A viewer may not create datasets or manage keys, so the console offers neither.
    expect(await page.getByRole('form', { name: 'Create a dataset' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    // Typed in by hand, the page still loads and says why the API refused.
    await page.goto(`${web.url}/api-keys`);
    expect(await pageAlert().innerText()).toMatch(/role/i);
    await screenshot('viewer-refused');
  });

  it('refuses a wrong password in words and lets the right one in', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${web.url}/login`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('not the passphrase');
    await page.getByRole('button', { name: 'Log in' }).click();
    await pageAlert().waitFor();
    await screenshot('login-refused');
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${web.url}/dashboard`);
    await page.getByRole('row', { name: new RegExp(datasetName) }).waitFor();
  });
});

describe('dashboard pages', () => {
  it('pages through more datasets than fit on one page, and shows only its own tenant', async () => {
    const other = await signUpTenant(api.graphqlUrl, 'pager');
    for (let i = 1; i <= 21; i++) {
      ok(
        await gql(
          api.graphqlUrl,
          'mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
          {
            input: {
              name: `Routine ${String(i).padStart(2, '0')}`,
              category: 'FIGURE_SKATING',
              description: '',
            },
          },
          { token: other.token },
        ),
      );
    }
    await browser.context.clearCookies();
    await page.goto(`${web.url}/login`);
    await page.getByLabel('Email').fill(other.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${web.url}/dashboard`);

    const rows = page.getByRole('table', { name: 'Datasets' }).getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(1 + 20);
    const firstPage = await rows.allInnerTexts();
    expect(firstPage.join('\n')).not.toContain(datasetName);

    await page.getByRole('link', { name: 'Next page →' }).click();
    await page.waitForURL(/\/dashboard\?after=/);
    await page.getByRole('link', { name: '← First page' }).waitFor();
    expect(await rows.count()).toBe(1 + 1);
    expect(await page.getByRole('link', { name: 'Next page →' }).count()).toBe(0);
    const seen = [...firstPage.slice(1), ...(await rows.allInnerTexts()).slice(1)].map(
      (row) => row.split('\t')[0],
    );
    expect(new Set(seen).size).toBe(21);
  });
});
