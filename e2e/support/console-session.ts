import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from './chromium';
import { startConsole, type ConsoleServer } from './console-server';

export interface ConsoleSession {
  web: ConsoleServer;
  browser: Browser;
  /** A first tab, with timeouts generous for a loaded 2-core machine (argon2, a route's first render). */
  page: Page;
  /** Closes the browser, then the console. */
  close(): Promise<void>;
}

/** The built console against the API at `apiUrl`, and a fresh browser with one tab open. */
export async function openConsole(apiUrl: string): Promise<ConsoleSession> {
  const web = await startConsole(apiUrl);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(60_000);
  return {
    web,
    browser,
    page,
    async close() {
      await browser.close();
      await web.stop();
    },
  };
}
