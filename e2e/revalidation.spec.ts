import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// Issue 21: the dashboard's refetches revalidate. Page answers carry an ETag and `no-cache`, so the
// browser keeps the body and sends If-None-Match; an unchanged answer comes back as a 304 with no
// body. The fetches below are the browser's own fetch with its defaults, as the React Query option
// factories' fetchJson makes them; Chromium's network log (CDP) shows what went over the wire.
test.describe("revalidation", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("a refetch of an unchanged answer sends its validator and gets a 304 without a body", async ({ page }) => {
    await page.goto("/models?range=6h");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    const url = "/api/overview?range=6h";
    const ids = new Set<string>();
    const sent = new Map<string, Record<string, string>>();
    const answered = new Map<string, { status: number; etag?: string }>();
    cdp.on("Network.requestWillBeSent", (e) => {
      if (e.request.url.endsWith(url)) ids.add(e.requestId);
    });
    cdp.on("Network.requestWillBeSentExtraInfo", (e) => sent.set(e.requestId, e.headers as Record<string, string>));
    cdp.on("Network.responseReceivedExtraInfo", (e) => {
      const headers = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      answered.set(e.requestId, { status: e.statusCode, etag: headers.etag });
    });

    // The answer moves with each stored minute: a pair of fetches may straddle one, so try again.
    await expect
      .poll(
        async () => {
          ids.clear();
          const bodies = await page.evaluate(async (u) => {
            const first = await fetch(u).then((r) => r.text());
            const second = await fetch(u).then((r) => r.text());
            return [first, second];
          }, url);
          const [first, second] = [...ids].map((id) => ({ sent: sent.get(id) ?? {}, answer: answered.get(id) }));
          if (!first || !second || bodies[0] !== bodies[1]) return "the answer changed between the fetches";
          const validator = Object.entries(second.sent).find(([k]) => k.toLowerCase() === "if-none-match")?.[1];
          expect(first.answer).toMatchObject({ status: 200, etag: expect.stringMatching(/^"[\w-]+"$/) });
          expect(validator).toBe(first.answer!.etag);
          expect(second.answer?.status).toBe(304);
          expect(JSON.parse(bodies[1]!)).toHaveProperty("models"); // the browser served its kept body
          return "revalidated";
        },
        { timeout: 30_000, intervals: [1_000, 2_000, 5_000] },
      )
      .toBe("revalidated");
  });
});
