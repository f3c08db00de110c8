// Types for the few browser globals the tests' page scripts touch. The root type check has no DOM library
// (it would let server code use browser globals unnoticed), so they are declared here, only as wide as
// used. Page scripts are serialised into the browser, so they cast `globalThis` themselves:
//   page.evaluate(() => (globalThis as unknown as InPage).document.title)

export interface ObservedNode {
  textContent: string | null;
}

export interface InPage {
  document: { querySelector(selector: string): ObservedNode | null };
  MutationObserver: new (callback: () => void) => {
    observe(target: ObservedNode, options: Record<string, boolean>): void;
  };
  /** Set by the test: the texts an element showed, in order. */
  seenTexts?: string[];
  /** Set by the test before it waits: still there afterwards means the page was never reloaded. */
  samePage?: boolean;
}

export interface MediaElement {
  play(): Promise<void>;
  readyState: number;
  duration: number;
  currentTime: number;
  error: { message: string } | null;
}
