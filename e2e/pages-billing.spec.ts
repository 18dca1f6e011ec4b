import { expect, test } from "@playwright/test";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

// The simulated fleet's FOCUS bill, ingested at start after the telemetry backfill: the page marks
// where the bill ends and the estimate takes over, and finds the one deliberate discrepancy.
test.describe("billing", () => {
  test("billed vs estimated: the boundary, the discrepancy over the threshold, the export file", async ({ page }) => {
    await signInAs(page, "viewer");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Billing" }).click();
    await expect(page.getByRole("heading", { name: "Billed vs estimated" })).toBeVisible();
    await expect(page.getByTestId("billing-boundary")).toContainText("the simulated fleet's FOCUS export");
    const [{ n }] = (await queryDb<{ n: number }>(`SELECT count(*)::int AS n FROM "BillingLineItem"`)) as [
      { n: number },
    ];
    // The simulated bill lags a day, as AWS's does: a fleet started today has no billed day yet, and
    // then only the boundary text above can be checked (e2e starts with a 3-day backfill, so CI has one).
    test.skip(n === 0, "the bill covers whole days before yesterday: a fleet younger than that has none yet");
    await expect(page.getByTestId("billing-boundary")).toContainText("billed through");
    const today = new Date().toISOString().slice(0, 10);
    await expect(page.getByTestId("billing-days").locator(`tr[data-day="${today}"]`)).toContainText("estimate only");
    await expect(page.getByTestId("billing-over-threshold").locator('[data-field="value"]')).toHaveText("1");
    await expect(page.getByTestId("billing-pool-days").locator('tr[data-over="true"]')).toHaveCount(1);
    // Per model and per chip family, per day: today's rows are estimate only ("—" billed).
    await expect(page.getByTestId("billing-model-days").locator(`tr[data-day="${today}"]`).first()).toContainText("—");
    await expect(page.getByTestId("billing-chip-family-days").locator('tr[data-key="trainium"]').first()).toBeVisible();
    await expect(page.getByTestId("billing-files").locator('tr[data-status="ingested"]').first()).toBeVisible();

    await page.goto("/?range=1h");
    const drift = page.getByTestId("needs-attention").locator('li[data-kind="billing_drift"]');
    await expect(drift).toHaveCount(1);
    await expect(drift).toContainText("billed $");
  });
});
