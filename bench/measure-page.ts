// Overview page load in headless Debian Chromium: largest contentful paint and JavaScript bytes
// transferred (compressed, as served), on a cold cache and then warm (a reload in the same context).
import { chromium } from "@playwright/test";

export type PageResult = { cold: { lcpMs: number; jsKb: number }; warm: { lcpMs: number; jsKb: number } };

export async function measureOverviewPage(opts: { baseUrl: string; cookie: { name: string; value: string } }): Promise<PageResult> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: opts.cookie.name, value: opts.cookie.value, url: opts.baseUrl }]);
    await context.addInitScript(() => {
      const w = window as unknown as { __lcp: number };
      w.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__lcp = e.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const page = await context.newPage();
    const measure = async () => {
      await page.waitForSelector("[data-testid=model-table] tbody tr");
      await page.waitForTimeout(500);
      return page.evaluate(() => {
        const js = performance.getEntriesByType("resource").filter((r) => (r as PerformanceResourceTiming).initiatorType === "script");
        const bytes = js.reduce((a, r) => a + (r as PerformanceResourceTiming).transferSize, 0);
        return { lcpMs: Math.round((window as unknown as { __lcp: number }).__lcp), jsKb: Math.round(bytes / 102.4) / 10 };
      });
    };
    await page.goto(`${opts.baseUrl}/?range=24h`);
    const cold = await measure();
    await page.reload();
    const warm = await measure();
    return { cold, warm };
  } finally {
    await browser.close();
  }
}
