import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from './support/chromium';
import { consolePages, openPage, prepareWorkspace, type ConsoleWorkspace } from './support/console-pages';
import type { ConsoleServer } from './support/console-server';
import { openConsole } from './support/console-session';
import { startSoundtrackBackend, type SoundtrackBackend } from './support/soundtrack-backend';

// Issue 13, point 4: a picture of every console page at phone (390 px) and desktop (1280 px) width, kept as
// the test's artifact for a person to look through. They land in e2e/artifacts/screenshots/ (git-ignored;
// E2E_ARTIFACTS_DIR moves it), as <page>-<width>.png, replaced on every run.
jest.setTimeout(300_000);

const widths = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const outDir = join(process.env.E2E_ARTIFACTS_DIR ?? join(__dirname, 'artifacts'), 'screenshots');
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let backend: SoundtrackBackend;
let web: ConsoleServer;
let browser: Browser;
let page: Page;
let workspace: ConsoleWorkspace;

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  backend = await startSoundtrackBackend();
  ({ web, browser, page } = await openConsole(backend.api.baseUrl));
  workspace = await prepareWorkspace(backend);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await backend?.stop();
});

// The width and height an IHDR chunk records (bytes 16-23 of a PNG).
function pngSize(png: Buffer) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('screenshots of every console page', () => {
  for (const viewport of widths) {
    it.each(consolePages.map((consolePage) => [consolePage.name, consolePage] as const))(
      `keeps %s at ${viewport.width} px`,
      async (name, consolePage) => {
        await page.setViewportSize(viewport);
        await openPage(page, web.url, consolePage, workspace);
        const path = join(outDir, `${name}-${viewport.width}.png`);
        await page.screenshot({ path, fullPage: true });

        const png = readFileSync(path);
        expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
        expect(png.length).toBeGreaterThan(1_000);
        // A full-page picture is as wide as the window: nothing pushed the page wider.
        expect(pngSize(png).width).toBe(viewport.width);
      },
    );
  }
});
