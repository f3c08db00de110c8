import type { Page } from 'playwright-core';
import {
  gql,
  ok,
  signUpTenant,
  startTestApi,
  type Credentials,
  type SignedUp,
  type TestApi,
} from '../apps/api/test/support';
import type { Browser } from './support/chromium';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';

// The owner's Members page in a real browser against the real API: change a member's role, revoke a
// pending invitation (its link then refused), remove a member after a confirmation (their session then
// refused), hand the workspace over, and leave it. Each step is checked through the API, not only on screen.
jest.setTimeout(180_000);

const run = `${process.pid}-${Date.now()}`;
const PASSWORD = 'a good long password';
const ME = '{ me { role } }';

interface Joined {
  email: string;
  token: string;
}

let api: TestApi;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let owner: SignedUp;
let engineer: Joined;
let viewer: Joined;
let curator: Joined;
let pendingEmail: string;
let pendingToken: string;

async function invite(email: string, role: string): Promise<string> {
  const res = await gql<{ inviteMember: { token: string } }>(
    api.graphqlUrl,
    'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
    { input: { email, role } },
    { token: owner.token },
  );
  return ok(res).inviteMember.token;
}

const accept = (token: string) =>
  gql<{ acceptInvitation: { token: string } }>(
    api.graphqlUrl,
    'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }',
    { input: { token, password: PASSWORD } },
  );

async function join(role: string): Promise<Joined> {
  const email = `${role.toLowerCase()}-${run}@example.com`;
  return { email, token: ok(await accept(await invite(email, role))).acceptInvitation.token };
}

const roleOf = async (who: Credentials) => {
  const res = await gql<{ me: { role: string } }>(api.graphqlUrl, ME, {}, who);
  return res.data?.me.role ?? res.errors?.[0]?.extensions?.code;
};

const memberRow = (email: string) =>
  page.getByRole('table', { name: 'Members' }).getByRole('row', { name: new RegExp(email) });

beforeAll(async () => {
  api = await startTestApi();
  owner = await signUpTenant(api.graphqlUrl, 'members-e2e');
  engineer = await join('ENGINEER');
  viewer = await join('VIEWER');
  curator = await join('CURATOR');
  pendingEmail = `pending-${run}@example.com`;
  pendingToken = await invite(pendingEmail, 'VIEWER');
  ({ web, browser, page } = await openConsole(api.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.stop();
});

describe('members page', () => {
  it('lists the members and the pending invitation to the owner', async () => {
    await page.goto(`${web.url}/login`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${web.url}/dashboard`);
    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(`${web.url}/members`);
    for (const email of [owner.email, engineer.email, viewer.email, curator.email]) {
      await memberRow(email).waitFor();
    }
    await page
      .getByRole('table', { name: 'Pending invitations' })
      .getByRole('row', { name: new RegExp(pendingEmail) })
      .waitFor();
    // The owner's own row offers no actions: they leave or hand over from their own controls.
    expect(await memberRow(owner.email).getByRole('button').count()).toBe(0);
  });

  it("changes a member's role with the row's select", async () => {
    await page.getByRole('combobox', { name: `Role of ${engineer.email}` }).selectOption('CURATOR');
    await page.getByRole('button', { name: `Change role of ${engineer.email}` }).click();
    await memberRow(engineer.email).locator('td:nth-child(2)', { hasText: 'Curator' }).waitFor();
    expect(await roleOf({ token: engineer.token })).toBe('CURATOR');
  });

  it('revokes the pending invitation after a confirmation; its link is refused', async () => {
    await page.getByRole('button', { name: `Revoke the invitation of ${pendingEmail}` }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText('No pending invitations.').waitFor();
    const res = await accept(pendingToken);
    expect(res.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('withdrawn'),
    });
  });

  it('removes a member only once confirmed; their session stops', async () => {
    await page.getByRole('button', { name: `Remove ${viewer.email}` }).click();
    const question = page.getByRole('group', { name: `Confirm: Remove ${viewer.email}` });
    expect(await question.innerText()).toContain(
      `Remove ${viewer.email}? Their sessions stop working at once.`,
    );
    // The safe answer has the focus, and keeps the member.
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached' });
    expect(await roleOf({ token: viewer.token })).toBe('VIEWER');

    await page.getByRole('button', { name: `Remove ${viewer.email}` }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await memberRow(viewer.email).waitFor({ state: 'detached' });
    expect(await roleOf({ token: viewer.token })).toBe('UNAUTHENTICATED');
  });

  it('transfers ownership after a confirmation: the owner becomes an engineer', async () => {
    await page.getByRole('button', { name: `Transfer ownership to ${curator.email}` }).click();
    await page.getByRole('button', { name: 'Yes, transfer' }).click();
    await memberRow(curator.email).locator('td:nth-child(2)', { hasText: 'Owner' }).waitFor();
    expect(await page.locator('.whoami').innerText()).toContain('· Engineer');
    expect(await roleOf({ token: curator.token })).toBe('OWNER');
    expect(await roleOf({ token: owner.token })).toBe('ENGINEER');
    // No longer an owner: the page still lists the members, without the owner's controls.
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Invite a member' }).count()).toBe(0);
  });

  it('lets the former owner, now an engineer, leave the workspace', async () => {
    await page.getByRole('button', { name: 'Leave workspace' }).click();
    await page.getByRole('button', { name: 'Yes, leave' }).click();
    await page.waitForURL(`${web.url}/login`);
    expect(await roleOf({ token: owner.token })).toBe('UNAUTHENTICATED');
    const members = ok(
      await gql<{ members: { edges: { node: { user: { email: string } } }[] } }>(
        api.graphqlUrl,
        '{ members { edges { node { user { email } } } } }',
        {},
        { token: curator.token },
      ),
    );
    expect(members.members.edges.map((e) => e.node.user.email).sort()).toEqual(
      [engineer.email, curator.email].sort(),
    );
  });
});
