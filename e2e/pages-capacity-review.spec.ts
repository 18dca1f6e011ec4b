import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectFootedColumn } from "./money";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

async function downloadCsv(page: Page, testId: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).getByRole("button", { name: "Download CSV" }).click(),
  ]);
  return readFileSync((await download.path())!, "utf8");
}

test.describe("capacity review", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("this month's review ranks the hot pool and the idle reservation, with spend from the database", async ({
    page,
  }) => {
    await page.goto("/capacity-review");
    const root = page.locator("[data-month]");
    const month = await root.getAttribute("data-month");
    await expect(page.getByRole("combobox", { name: "Month" })).toHaveValue(month!);
    const recs = page.getByTestId("recommendations");
    await expect(recs.locator("li").first()).toHaveAttribute("data-kind", "launch_for_slo");
    await expect(recs.locator("li").first()).toHaveAttribute("data-pool", "atlas-70b-chat-use1-trn2-b");
    await expect(recs.locator('li[data-kind="release_idle_reservation"]')).toContainText(
      "helios-405b-use2-trn2-a: 12 of 16 reserved trn2.48xlarge",
    );
    // Its reservation bills until it ends: no saving this month, and the idle cost is stated with its hours.
    await expect(recs.locator('li[data-kind="release_idle_reservation"]')).toContainText("saves nothing this month");
    // The simulated fleet reports every series every minute: coverage is shown, without a warning.
    await expect(page.getByTestId("coverage")).toContainText("of expected series-minutes");
    await expect(page.getByTestId("coverage-warning")).toHaveCount(0);
    // This month's recommendations read today's fleet, and say so; idle reserved on pools serving no
    // model has its own line.
    await expect(page.getByTestId("fleet-basis")).toHaveAttribute("data-source", "current");
    await expect(page.getByTestId("fleet-basis")).toContainText("fleet as of");
    await expect(page.getByTestId("unallocated-idle")).toContainText("Unallocated idle reserved");

    const [from, to] = [await root.getAttribute("data-range-from"), await root.getAttribute("data-range-to")];
    const rows = await queryDb<{ model: string; spend: number }>(
      `SELECT pm."modelId" AS model, sum(t.spend_usd) AS spend FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [from, to],
    );
    const table = page.getByTestId("review-models-table");
    // Footed to the fleet's spend (the "Spend" tile): rows within a cent, adding up to it exactly.
    await expectFootedColumn({
      cells: rows.map((r) => ({
        cell: table.locator(`tr[data-model="${r.model}"] [data-field="spend"]`),
        amount: r.spend,
      })),
      total: table.locator('[data-field="spend-total"]'),
    });

    // The e2e server holds 3 days of telemetry: the previous month may have none, and says so.
    const [prev] = await queryDb<{ n: number }>(`SELECT count(*)::int AS n FROM telemetry_minute WHERE ts < $1`, [
      from,
    ]);
    await expect(page.getByTestId("no-previous-month")).toHaveCount(prev!.n === 0 ? 1 : 0);

    const csv = (await downloadCsv(page, "review-models")).trim().split("\r\n");
    expect(csv).toHaveLength(rows.length + 2); // header, rows, the footed total line
    expect(csv.at(-1)).toMatch(/^total,/);
    expect(csv[0]).toMatch(/^model,kind,utilization_pct/);
    const recCsv = await downloadCsv(page, "recommendations");
    expect(recCsv.split("\r\n")[1]).toMatch(/^1,critical,launch_for_slo,atlas-70b-chat-use1-trn2-b/);
  });

  test("picking a month puts it in the URL, and an empty month says so", async ({ page }) => {
    await page.goto("/capacity-review");
    const select = page.getByRole("combobox", { name: "Month" });
    await expect(select.locator("option")).toHaveCount(13);
    const options = await select.locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const oldest = options.at(-1)!;
    await select.selectOption(oldest);
    await expect(page).toHaveURL(new RegExp(`month=${oldest}`));
    await expect(page.getByText(/No telemetry for .* Pick another month/)).toBeVisible();
    await page.goto(page.url());
    await expect(select).toHaveValue(oldest);
    await page.goto("/capacity-review?month=2026-13");
    await expect(page.getByRole("alert").filter({ hasText: "invalid month" })).toContainText("month must be YYYY-MM");
  });
});
