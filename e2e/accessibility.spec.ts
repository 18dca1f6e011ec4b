import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// axe-core on every page as each role sees it: no serious or critical violation (WCAG 2.1 A/AA).
const PAGES = [
  "/",
  "/models",
  "/models/atlas-70b-chat",
  "/pools",
  "/pools/rank-xl-ctr-use1-r8g-b",
  "/capacity",
  "/capacity-review",
  "/audit",
  "/actions",
  "/approvals",
  "/inventory",
  "/billing",
  "/training",
  "/training/sim-atlas-70b-v6-pretrain",
  "/sessions",
  "/no/such/page",
];

test.describe("accessibility", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "admin"));

  for (const path of PAGES) {
    test(`${path} has no serious violations`, async ({ page }) => {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const { violations } = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        );
      expect(serious).toEqual([]);
    });
  }

  test("the sign-in page has no serious violations", async ({ page, context }) => {
    await context.clearCookies();
    await page.goto("/signin");
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });
});
