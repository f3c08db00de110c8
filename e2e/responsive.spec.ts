import type { Page } from 'playwright-core';
import type { Browser } from './support/chromium';
import {
  consolePages,
  measureWidth,
  openPage,
  pagesOnDisk,
  prepareWorkspace,
  type ConsoleWorkspace,
} from './support/console-pages';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

// Issue 13, point 4: the console on a phone. Every page, as found on disk, opened at 390 px is no wider
// than the window (tables scroll inside their card, long addresses and ids wrap), and the navigation folds
// into a menu button that a keyboard can open and Escape closes. At 1280 px the navigation is a row of
// links as before. Real API and worker (for a finished job's page), the built console, Chromium.
jest.setTimeout(300_000);

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let workspace: ConsoleWorkspace;

beforeAll(async () => {
  backend = await startSoundtrackBackend();
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
  workspace = await prepareWorkspace(backend);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
});

const consolePage = (name: string) => consolePages.find((candidate) => candidate.name === name)!;
const menuButton = () => page.getByRole('button', { name: 'Menu' });
const navigation = () => page.getByRole('navigation', { name: 'Console' });

describe('the console at phone width', () => {
  it('opens every page of the app directory', () => {
    // A page added under apps/web/src/app without an entry in consolePages fails here.
    expect(consolePages.map((candidate) => candidate.route).sort()).toEqual(pagesOnDisk());
  });

  it.each(consolePages.map((candidate) => [candidate.name, candidate] as const))(
    'keeps %s within 390 px',
    async (_name, consolePageToOpen) => {
      await page.setViewportSize(phone);
      await openPage(page, web.url, consolePageToOpen, workspace);
      const width = await measureWidth(page);
      if (width.scrollWidth > width.innerWidth) {
        throw new Error(
          `${consolePageToOpen.path(workspace)} is ${width.scrollWidth} px wide in a ${width.innerWidth} px ` +
            `window; past the edge: ${width.overflowing.join(', ')}`,
        );
      }
      expect(width.innerWidth).toBe(phone.width);
    },
  );

  it('folds the navigation into a menu button that the keyboard opens and Escape closes', async () => {
    await page.setViewportSize(phone);
    await openPage(page, web.url, consolePage('datasets'), workspace);
    const button = menuButton();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await navigation().getByRole('link', { name: 'Generate' }).isVisible()).toBe(false);

    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const generate = navigation().getByRole('link', { name: 'Generate' });
    await generate.waitFor({ state: 'visible' });
    // Who is signed in, and the way out, are in the menu too.
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    // The links are next in the tab order, and Escape closes the menu and gives focus back to its button.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => (globalThis as unknown as FocusedPage).document.activeElement?.tagName),
    ).toBe('A');
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await generate.waitFor({ state: 'hidden' });
    expect(
      await button.evaluate((node) => node === (globalThis as unknown as FocusedPage).document.activeElement),
    ).toBe(true);

    // Opened by a tap, a link takes the reader to its page and the menu is closed there.
    await button.click();
    await generate.click();
    await page.waitForURL(`${web.url}/generate`);
    expect(await menuButton().getAttribute('aria-expanded')).toBe('false');
    expect(await navigation().getByRole('link', { name: 'Soundtracks' }).isVisible()).toBe(false);
  });

  it('scrolls a table sideways inside its card', async () => {
    await page.setViewportSize(phone);
    await openPage(page, web.url, consolePage('audit'), workspace);
    const table = page.getByRole('table', { name: 'Audit events' });
    await table.waitFor();
    const scroller = await table.evaluate((node) => {
      const parent = (node as unknown as ScrolledTable).parentElement;
      const style = (globalThis as unknown as FocusedPage).getComputedStyle(parent);
      return { overflowX: style.overflowX, scrollWidth: parent.scrollWidth, clientWidth: parent.clientWidth };
    });
    expect(scroller.overflowX).toBe('auto');
    // The six columns do not fit in 390 px: the table is wider than its scroller, which is not.
    expect(scroller.scrollWidth).toBeGreaterThan(scroller.clientWidth);
  });
});

describe('the console at desktop width', () => {
  it('shows the navigation as a row of links, without a menu button', async () => {
    await page.setViewportSize(desktop);
    await openPage(page, web.url, consolePage('datasets'), workspace);
    expect(await menuButton().isVisible()).toBe(false);
    for (const name of ['Datasets', 'Generate', 'Soundtracks', 'API keys', 'Members', 'Audit log']) {
      expect(await navigation().getByRole('link', { name, exact: true }).isVisible()).toBe(true);
    }
    const tops = await navigation()
      .getByRole('link')
      .evaluateAll((links) =>
        links.map((link) => Math.round((link as unknown as ScrolledTable).getBoundingClientRect().top)),
      );
    expect(new Set(tops).size).toBe(1);
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    // Who is signed in stays on one line beside the brand, however long the address and the workspace's
    // name (this workspace's are long: the line ends in an ellipsis, and the whole is its title).
    const signedIn = await page.locator('.whoami span').evaluate((node) => {
      const style = (globalThis as unknown as FocusedPage).getComputedStyle(node);
      return {
        height: (node as unknown as ScrolledTable).getBoundingClientRect().height,
        fontSize: parseFloat(style.fontSize),
      };
    });
    // One line of text is about 1.2 font sizes tall (line-height normal), two are 2.4.
    expect(signedIn.height).toBeLessThan(signedIn.fontSize * 1.8);
    expect(await page.locator('.whoami span').getAttribute('title')).toContain(workspace.email);
  });
});

// The browser globals the checks above read (see support/in-page.ts for why they are declared here).
interface ScrolledTable {
  parentElement: { scrollWidth: number; clientWidth: number };
  getBoundingClientRect(): { top: number; height: number };
}

interface FocusedPage {
  document: { activeElement: { tagName: string } | null };
  getComputedStyle(element: unknown): { overflowX: string; fontSize: string };
}
