// Overview page load in headless Debian Chromium: largest contentful paint and JavaScript bytes
// transferred (compressed, as served). Three loads: the first viewer of a range the server does
// not keep warm (7 d: an empty browser, and the server computes the page), then the default range
// (24 h, which every replica keeps computed: lib/overview/warm-default-overview.ts) in an empty
// browser, and a warm reload in that browser.
// First-load JS is what the server's HTML asks for; charts load after it (lazy chunks), and the
// total of every script fetched by the time the charts are drawn is reported beside it.
import { chromium, type Browser } from "@playwright/test";

type Load = { lcpMs: number; jsKb: number; allJsKb: number };
export type PageResult = { firstViewer: Load; cold: Load; warm: Load };

export async function measureOverviewPage(opts: {
  baseUrl: string;
  cookie: { name: string; value: string };
}): Promise<PageResult> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const [firstViewer] = await loadInNewContext(browser, { ...opts, path: "/?range=7d" });
    const [cold, warm] = await loadInNewContext(browser, { ...opts, path: "/?range=24h" });
    return { firstViewer, cold, warm };
  } finally {
    await browser.close();
  }
}

/** A fresh browser context (empty cache) loads the page, then reloads it (warm cache). */
async function loadInNewContext(
  browser: Browser,
  opts: { baseUrl: string; path: string; cookie: { name: string; value: string } },
): Promise<[Load, Load]> {
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: opts.cookie.name, value: opts.cookie.value, url: opts.baseUrl }]);
    await context.addInitScript(() => {
      const w = window as unknown as { __lcp: number };
      w.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__lcp = e.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const page = await context.newPage();
    let htmlScripts: string[] = [];
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "document") return;
      const html = await response.text().catch(() => "");
      // Script tags with a src, except the nomodule polyfills a modern browser skips.
      htmlScripts = [...html.matchAll(/<script\b([^>]*)>/gi)]
        .map((m) => m[1]!)
        .filter((attrs) => !/\bnomodule\b/i.test(attrs))
        .flatMap((attrs) => /\ssrc="([^"]+)"/.exec(attrs)?.[1] ?? [])
        .map((src) => new URL(src, opts.baseUrl).pathname);
    });
    const measure = async () => {
      await page.waitForSelector("[data-testid=model-table] tbody tr");
      await page.waitForSelector(".recharts-surface");
      await page.waitForTimeout(500);
      // No named functions inside: tsx's esbuild would wrap them in a __name helper the page lacks.
      const entries = await page.evaluate(() =>
        (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
          .filter((r) => r.initiatorType === "script")
          .map((r) => ({ path: new URL(r.name).pathname, bytes: r.transferSize })),
      );
      const lcpMs = await page.evaluate(() => Math.round((window as unknown as { __lcp: number }).__lcp));
      const kb = (list: typeof entries) => Math.round(list.reduce((a, r) => a + r.bytes, 0) / 102.4) / 10;
      return { lcpMs, jsKb: kb(entries.filter((r) => htmlScripts.includes(r.path))), allJsKb: kb(entries) };
    };
    await page.goto(`${opts.baseUrl}${opts.path}`);
    const cold = await measure();
    await page.reload();
    const warm = await measure();
    return [cold, warm];
  } finally {
    await context.close();
  }
}
