/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Issue 15's registry in the console, in a real browser against the real API and a real worker process:
// an engineer's key pushes a copy of the parity model with `loris models push` (its card's version set
// to 9.9.9, so it is a new version beside the built-in, which is the parity model here too); the owner finds
// it on the Models page with its provenance and contract, moves `production` to it with the move control
// (the history row appears, the page is never reloaded), is refused in the API's words for a bad name,
// picks the alias on Generate, and the job is served by the pushed version; the built-in choice goes to
// the built-in. A viewer sees the aliases but not the control, and is told why. The push's contract check
// runs onnxruntime in this process (the API's), hence the environment above.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BUILTIN_MODEL_VERSION_ID } from '@loris/db';
import {
  createApiKey,
  gql,
  ok,
  REPO_ROOT,
  runLoris,
  signUpTenant,
  synthPosesJson,
  waitFor,
  type SignedUp,
} from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import type { InPage } from './support/in-page';
import { MODEL_DIR, startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

jest.setTimeout(300_000);

const PASSWORD = 'correct horse battery';
const VIEWER_PASSWORD = 'a viewer’s long passphrase';
const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? '/tmp';
const jobUrl = /\/soundtracks\/([0-9a-f-]{36})$/;
// The pushed copy's version: one the parity model's own card (the built-in here) does not have.
const PUSHED = 'loris-parity@9.9.9';
const BUILT_IN_VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, MODEL_DIR, 'model.json'), 'utf8')) as { version: string }
).version;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let files: string;
let owner: SignedUp;
let engineerKey: string;
let viewerEmail: string;
let pushedId: string;

interface Job {
  id: string;
  status: string;
  modelVersionId: string;
  modelVersion: string | null;
}

const call = async <T>(query: string, variables: Record<string, unknown> = {}) =>
  ok(await gql<T>(backend.api.graphqlUrl, query, variables, { token: owner.token }));

const job = async (id: string) =>
  (
    await call<{ soundtrackJob: Job }>(
      'query($id: ID!) { soundtrackJob(id: $id) { id status modelVersionId modelVersion } }',
      { id },
    )
  ).soundtrackJob;

// The Model select (getByLabel would also match the Sampler's select, whose options say "model default").
const modelSelect = () => page.getByRole('combobox', { name: /^Model/ });

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}/loris-e2e-models-${name}.png`, fullPage: true });
}

async function logIn(email: string, password: string): Promise<void> {
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/(dashboard|generate)$/);
}

// Uploads a pose track on Generate, picks `model` in the Model select (once the upload shows the page's
// scripts run) and requests a short, cheap job; returns the job's id from the page it lands on.
async function generateWith(model: string): Promise<string> {
  await page.goto(`${web.url}/generate`);
  writeFileSync(join(files, 'dancer.json'), synthPosesJson(2, 5));
  await page.getByLabel('Video or pose track').setInputFiles(join(files, 'dancer.json'));
  await page.getByRole('status').filter({ hasText: 'Pose track uploaded: dancer.json' }).waitFor();
  await modelSelect().selectOption(model);
  expect(await modelSelect().inputValue()).toBe(model);
  await page.getByLabel('Genre').selectOption('Pop');
  await page.getByLabel('Seconds').fill('1');
  await page.getByLabel('Steps').fill('2');
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.waitForURL(jobUrl);
  return jobUrl.exec(page.url())![1];
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'loris-e2e-models-'));
  backend = await startSoundtrackBackend();
  owner = await signUpTenant(backend.api.graphqlUrl, 'models-e2e');
  engineerKey = (await createApiKey(backend.api.graphqlUrl, owner.token, 'ENGINEER')).secret;
  viewerEmail = `viewer-${owner.email}`;
  const { inviteMember } = await call<{ inviteMember: { token: string } }>(
    'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
    { input: { email: viewerEmail, role: 'VIEWER' } },
  );
  ok(
    await gql(
      backend.api.graphqlUrl,
      'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }',
      { input: { token: inviteMember.token, password: VIEWER_PASSWORD } },
    ),
  );
  await backend.startWorker();
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
  rmSync(files, { recursive: true, force: true });
});

describe('the Models page and choosing a model on Generate', () => {
  it('pushes a new version of the parity model with `loris models push`', async () => {
    const dir = join(files, 'model-v2');
    cpSync(join(REPO_ROOT, MODEL_DIR), dir, { recursive: true });
    const card = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...card, version: '9.9.9' }, null, 2));
    const pushed = await runLoris(backend.api.baseUrl, engineerKey, [
      'models',
      'push',
      dir,
      '--model',
      'dancer',
      '--json',
    ]);
    expect({ status: pushed.status, stderr: pushed.stderr }).toMatchObject({ status: 0 });
    const version = JSON.parse(pushed.stdout) as { id: string; number: number; label: string };
    expect(version).toMatchObject({ number: 1, label: PUSHED });
    pushedId = version.id;
  });

  it('lists the pushed version with its provenance and contract, beside the built-in', async () => {
    await logIn(owner.email, PASSWORD);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Models' }).click();
    await page.waitForURL(`${web.url}/models`);
    const models = page.getByRole('table', { name: 'Models' });
    await models.getByRole('row', { name: /dancer/ }).waitFor();
    expect(await models.getByRole('row', { name: /default \(built-in, read-only\)/ }).count()).toBe(1);
    // The workspace's newest model opens by default.
    await page.getByRole('heading', { name: 'Versions of dancer' }).waitFor();
    const row = page.getByRole('table', { name: 'Versions' }).getByRole('row', { name: PUSHED });
    const cells = await row.getByRole('cell').allInnerTexts();
    const card = JSON.parse(readFileSync(join(REPO_ROOT, MODEL_DIR, 'model.json'), 'utf8')) as {
      sampleRate: number;
      segmentSamples: number;
      genres: string[];
    };
    const segment = Number((card.segmentSamples / card.sampleRate).toFixed(2));
    expect(cells[0]).toBe('#1');
    expect(cells[2]).toMatch(/^Uploaded by API key “engineer key” on \d+ \w+ \d{4}, \d\d:\d\d UTC$/);
    expect(cells[3]).toBe(`${card.sampleRate} Hz · ${card.genres.length} genres · ${segment} s segments`);
    expect(cells[4]).toBe('—');
    await page.getByText(/No aliases yet/).waitFor();

    // The built-in's own listing: one shipped version, reachable as "default".
    await models.getByRole('link', { name: 'default' }).click();
    await page.getByRole('heading', { name: 'Versions of default' }).waitFor();
    const builtIn = await page.getByRole('table', { name: 'Versions' }).getByRole('row').nth(1).innerText();
    expect(builtIn).toMatch(
      new RegExp(`#1\\s+loris-parity@${escaped(BUILT_IN_VERSION)}\\s+Built in, shipped with LORIS Studio`),
    );
    expect(builtIn).toMatch(/default\s*$/);
    await screenshot('listed');
  });

  it('moves production to the pushed version with the control, and shows its history row in place', async () => {
    await page.getByRole('table', { name: 'Models' }).getByRole('link', { name: 'dancer' }).click();
    await page.getByRole('heading', { name: 'Versions of dancer' }).waitFor();
    const form = page.getByRole('form', { name: 'Move an alias' });
    await page.evaluate(() => {
      (globalThis as unknown as InPage).samePage = true;
    });

    // A name the API refuses: its own words, and nothing moved.
    await form.getByLabel('Alias').fill('Prod Uction');
    await form.getByRole('button', { name: 'Move alias' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: /lower-case letters/ })
      .waitFor();
    expect((await call<{ modelAliases: unknown[] }>('{ modelAliases { name } }')).modelAliases).toEqual([]);

    await form.getByLabel('Alias').fill('production');
    await form.getByLabel('Version of dancer').selectOption(pushedId);
    await form.getByRole('button', { name: 'Move alias' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `“production” now points at dancer #1 (${PUSHED}).` })
      .waitFor();
    const history = page.getByRole('table', { name: 'History of production' });
    await history.getByRole('row').nth(1).waitFor();
    const moves = await history.getByRole('row').allInnerTexts();
    expect(moves).toHaveLength(2);
    expect(moves[1]).toMatch(new RegExp(`— \\(created\\)\\s+dancer #1 \\(${escaped(PUSHED)}\\)\\s+`));
    expect(moves[1]).toContain(owner.email);
    const aliasRow = page.getByRole('table', { name: 'Aliases' }).getByRole('row', { name: /production/ });
    expect(await aliasRow.innerText()).toContain(`dancer #1 (${PUSHED})`);
    // The version's row names the alias that now serves it.
    const versionRow = page.getByRole('table', { name: 'Versions' }).getByRole('row', { name: /#1/ });
    expect(await versionRow.getByRole('cell').last().innerText()).toBe('production');
    expect(await page.evaluate(() => (globalThis as unknown as InPage).samePage)).toBe(true);

    const { modelAliases } = await call<{
      modelAliases: {
        name: string;
        versionId: string;
        history: { toVersionId: string; fromVersionId: string | null }[];
      }[];
    }>('{ modelAliases { name versionId history { fromVersionId toVersionId } } }');
    expect(modelAliases).toEqual([
      { name: 'production', versionId: pushedId, history: [{ fromVersionId: null, toVersionId: pushedId }] },
    ]);
    await screenshot('moved');
  });

  it('generates with the alias picked on Generate, served by the pushed version', async () => {
    await page.goto(`${web.url}/generate`);
    const choices = await modelSelect().locator('option').allInnerTexts();
    expect(choices).toEqual([
      'Workspace default (production, else built-in) · loris-parity 9.9.9',
      'production · loris-parity 9.9.9',
      `Built-in default · loris-parity ${BUILT_IN_VERSION}`,
    ]);
    const id = await generateWith('production');
    expect((await job(id)).modelVersionId).toBe(pushedId);
    const done = await waitFor(
      async () => {
        const found = await job(id);
        return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(found.status) ? found : undefined;
      },
      `job ${id} to finish`,
      120_000,
    );
    // The worker loaded the registry's copy (its card says 9.9.9), not MODEL_DIR's.
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      modelVersionId: pushedId,
      modelVersion: PUSHED,
    });
    // The job page says which version served it.
    await page.getByText(pushedId).first().waitFor();
    await page.getByText(PUSHED).first().waitFor();
  });

  it('sends the built-in choice as alias "default", whatever production points at', async () => {
    const id = await generateWith('default');
    expect((await job(id)).modelVersionId).toBe(BUILTIN_MODEL_VERSION_ID);
  });

  it('shows a viewer the aliases and their history, without the move control, saying why', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${web.url}/login`);
    await logIn(viewerEmail, VIEWER_PASSWORD);
    await page.goto(`${web.url}/models`);
    await page.getByRole('table', { name: 'History of production' }).waitFor();
    expect(await page.getByRole('form', { name: 'Move an alias' }).count()).toBe(0);
    await page
      .getByText('Only an owner or an engineer can move an alias. You are a viewer in this workspace.')
      .waitFor();
  });
});
