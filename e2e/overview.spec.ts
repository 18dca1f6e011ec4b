import { expect, test } from "@playwright/test";
import { fmtPct } from "../components/format";
import { expectFootedColumn } from "./money";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

test.describe("fleet overview", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("a fresh start shows charts and the model table with the database's numbers", async ({ page }) => {
    await page.goto("/?range=6h");
    await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
    const table = page.getByTestId("model-table");
    await expect(table.locator("tbody tr")).toHaveCount(12);
    // Three charts, each with one drawn line per model.
    await expect(page.locator(".recharts-line-curve").first()).toBeVisible();
    // Charts render after ResponsiveContainer has measured its box: poll rather than count once.
    await expect.poll(() => page.locator(".recharts-line-curve").count()).toBeGreaterThanOrEqual(36);

    const root = page.locator("[data-range-from]");
    const from = await root.getAttribute("data-range-from");
    const to = await root.getAttribute("data-range-to");
    const expected = await queryDb<{ model: string; spend: number; util: number }>(
      `SELECT pm."modelId" AS model, sum(t.spend_usd) AS spend,
              sum(t.instances::float8 * t.utilization_pct::float8) / sum(t.instances::float8) AS util
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [from, to],
    );
    expect(expected).toHaveLength(12);
    for (const row of expected) {
      const tr = table.locator(`tr[data-model="${row.model}"]`);
      await expect(tr.locator('[data-field="utilization"]')).toHaveText(fmtPct(row.util));
    }
    // Spend is footed: rows within a cent of the database's sums, adding up to the total line.
    await expectFootedColumn({
      cells: expected.map((row) => ({
        cell: table.locator(`tr[data-model="${row.model}"] [data-field="spend"]`),
        amount: row.spend,
      })),
      total: table.locator('[data-field="spend-total"]'),
    });
  });

  test("the hot pool's model shows as breaching its SLO", async ({ page }) => {
    await page.goto("/?range=1h");
    const row = page.locator('tr[data-model="atlas-70b-chat"]');
    await expect(row.getByText("SLO", { exact: true })).toBeVisible();
    await expect(page.locator('tr[data-model="rerank-mini"]').getByText("SLO", { exact: true })).toHaveCount(0);
  });

  test("the range picker changes the URL and the data, and the URL reproduces the view", async ({ page }) => {
    await page.goto("/?range=6h");
    const root = page.locator("[data-range-from]");
    const sixHourFrom = await root.getAttribute("data-range-from");
    await page.getByRole("combobox", { name: "Time range" }).selectOption("7d");
    await expect(page).toHaveURL(/range=7d/);
    await expect(root).not.toHaveAttribute("data-range-from", sixHourFrom!);
    const weekFrom = await root.getAttribute("data-range-from");
    expect(Date.parse(sixHourFrom!) - Date.parse(weekFrom!)).toBeGreaterThan(6 * 86400_000);

    await page.goto(page.url());
    await expect(page.getByRole("combobox", { name: "Time range" })).toHaveValue("7d");
    await expect(page.getByText(/hourly rollups/)).toBeVisible();
  });

  test("an invalid range in a link gets a clear message, and the API a 400", async ({ page }) => {
    await page.goto("/?range=custom&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z");
    await expect(page.getByRole("alert").filter({ hasText: "invalid time range" })).toContainText(
      "from must be before to",
    );
    const response = await page.request.get("/api/overview?range=5y");
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toMatch(/range/);
  });

  test("health reports the database and fresh telemetry", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const health = await response.json();
    expect(health.database.reachable).toBe(true);
    expect(health.telemetry.source).toBe("simulated");
    expect(health.telemetry.lagSeconds).toBeLessThan(300);
  });
});
