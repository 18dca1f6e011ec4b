import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

async function downloadCsv(page: Page, testId: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).getByRole("button", { name: "Download CSV" }).click(),
  ]);
  return readFileSync((await download.path())!, "utf8");
}

test.describe("reserved capacity", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("shows the commitment burn, the idle reservation first and the expiring reservation", async ({ page }) => {
    await page.goto("/capacity?range=6h");
    await expect(page.getByTestId("commitment")).toContainText("Reserved AI compute commitment");
    await expect(page.getByTestId("kpi-commitment-spent").locator('[data-field="value"]')).toHaveText(
      // The full amount to the cent, with thousands separators (one formatter for money).
      /^\$\d{1,3}(,\d{3})*\.\d\d$/,
    );
    // Burned (bill), burned (estimate), plan, forecast and its low and high: six series to toggle;
    // the bill's line is drawn only once a bill is ingested (it lags a day), the other five always.
    await expect(page.getByTestId("commitment").locator(".legend-toggle button")).toHaveCount(6);
    await expect(page.getByTestId("commitment").locator(".recharts-line-curve").nth(3)).toBeVisible();
    await expect(page.getByTestId("commitment-basis")).toContainText("take-or-pay");
    await expect(page.getByTestId("idle-by-pool").locator("tbody tr").first()).toHaveAttribute(
      "data-key",
      "helios-405b-use2-trn2-a",
    );
    const expiring = page.getByTestId("reservations-table").locator('tr[data-expiring="true"]');
    await expect(expiring).toHaveCount(1);
    await expect(expiring).toContainText("scribe-13b-code-use1-trn1-a");

    // The table lists what runs in the range (6 h): a training Capacity Block that ended days ago is not in it.
    const [{ n }] = (await queryDb<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CapacityReservation" WHERE "endAt" IS NULL OR "endAt" > now() - interval '6 hours'`,
    )) as [{ n: number }];
    const csv = (await downloadCsv(page, "reservations")).trim().split("\r\n");
    expect(csv).toHaveLength(n + 1);
    // …,end_utc,days_left,expiring,… (the measured-use columns follow it)
    expect(csv.find((l) => l.includes("scribe-13b-code-use1-trn1-a"))).toMatch(/Z,[\d.]+,true,/);
  });

  test("the range picker changes the URL and the data, and the URL reproduces the view", async ({ page }) => {
    await page.goto("/capacity?range=1h");
    const root = page.locator("[data-range-from]");
    const before = await root.getAttribute("data-range-from");
    const idleBefore = await page.getByTestId("kpi-idle-hours").locator('[data-field="value"]').textContent();
    await page.getByRole("combobox", { name: "Time range" }).selectOption("24h");
    await expect(page).toHaveURL(/range=24h/);
    await expect(root).not.toHaveAttribute("data-range-from", before!);
    await expect(page.getByTestId("kpi-idle-hours").locator('[data-field="value"]')).not.toHaveText(idleBefore!);
    await page.goto(page.url());
    await expect(page.getByRole("combobox", { name: "Time range" })).toHaveValue("24h");
  });
});
