import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectFootedColumn, shownCents } from "./money";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

async function downloadCsv(page: Page, name: RegExp): Promise<string> {
  const panel = page.locator("section.panel", { has: page.getByRole("heading", { name }) });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  return readFileSync((await download.path())!, "utf8");
}

test.describe("models", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("the list shows each model's spend from the database, the chip comparison, and exports its rows", async ({
    page,
  }) => {
    await page.goto("/models?range=6h");
    const table = page.getByTestId("models-table");
    await expect(table.locator("tbody tr")).toHaveCount(12);
    const root = page.locator("[data-range-from]");
    const [from, to] = [await root.getAttribute("data-range-from"), await root.getAttribute("data-range-to")];
    const rows = await queryDb<{ model: string; spend: number }>(
      `SELECT pm."modelId" AS model, sum(t.spend_usd) AS spend FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [from, to],
    );
    await expectFootedColumn({
      cells: rows.map((r) => ({
        cell: table.locator(`tr[data-model="${r.model}"] [data-field="spend"]`),
        amount: r.spend,
      })),
      total: table.locator('[data-field="spend-total"]'),
    });
    await expect(table.locator('tr[data-model="atlas-8b-instruct"] [data-field="chip-comparison"]')).toContainText(
      /(Trainium|Graviton) \d+ % cheaper \/1M tokens/,
    );
    await expect(table.locator('tr[data-model="helios-405b"] [data-field="chip-comparison"]')).toHaveText("one family");

    // Both costs per unit per row, and the idle reserved no model carries on its own line.
    await expect(table.locator('tr[data-model="helios-405b"] [data-field="fully-loaded-cost-per-unit"]')).toContainText(
      "/1M tokens",
    );
    await expect(table.getByTestId("unallocated-idle")).toContainText("Unallocated idle reserved");
    const csv = (await downloadCsv(page, /^Models/)).trim().split("\r\n");
    expect(csv).toHaveLength(14);
    expect(csv[0]).toMatch(/^model,kind,team,utilization_pct/);
    expect(csv[0]).toContain(",cost_per_unit_usd,fully_loaded_cost_per_unit_usd,");
    // The total line: the spend column's total, a plain number with 2 decimals (no $, no separators).
    const spendColumn = csv[0]!.split(",").indexOf("spend_usd");
    expect(csv[13]!.split(",")[0]).toBe("total");
    expect(csv[13]!.split(",")[spendColumn]).toMatch(/^\d+\.\d{2}$/);
    expect(csv[1]!.split(",")[spendColumn]).toMatch(/^\d+\.\d{2}$/);
    expect(
      csv
        .slice(1, 13)
        .map((l) => l.split(",")[0])
        .sort(),
    ).toEqual(rows.map((r) => r.model).sort());
  });

  test("the range picker changes the URL and the data, and the URL reproduces the view", async ({ page }) => {
    await page.goto("/models?range=6h");
    const root = page.locator("[data-range-from]");
    const before = await root.getAttribute("data-range-from");
    await page.getByRole("combobox", { name: "Time range" }).selectOption("24h");
    await expect(page).toHaveURL(/\/models\?range=24h/);
    await expect(root).not.toHaveAttribute("data-range-from", before!);
    const after = await root.getAttribute("data-range-from");
    expect(Date.parse(before!) - Date.parse(after!)).toBeGreaterThan(17 * 3600_000);
    await page.goto(page.url());
    await expect(page.getByRole("combobox", { name: "Time range" })).toHaveValue("24h");
    await expect(root).toHaveAttribute("data-range-from", after!);
  });

  test("the list sorts by any column and filters by text and kind, in the URL next to the range", async ({ page }) => {
    await page.goto("/models?range=6h");
    const table = page.getByTestId("models-table");
    await expect(table.locator("tbody tr")).toHaveCount(12);

    // Sort by usage cost per unit: largest first, models without a figure last.
    const header = table.getByRole("columnheader", { name: /^Cost per unit, usage/ });
    await header.getByRole("button").click();
    await expect(page).toHaveURL(/range=6h/);
    await expect(page).toHaveURL(/sort=cost-per-unit&dir=desc/);
    await expect(header).toHaveAttribute("aria-sort", "descending");
    const costs = (await table.locator('tbody [data-field="cost-per-unit"]').allTextContents()).map((t) =>
      t.trim() === "—" ? null : Number(/^\$([\d,.]+)/.exec(t.trim())![1]!.replace(/,/g, "")),
    );
    const known = costs.filter((c): c is number => c !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(costs.slice(known.length).every((c) => c === null)).toBe(true);
    // The keyboard reaches the same buttons: Enter flips the order.
    await header.getByRole("button").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/sort=cost-per-unit&dir=asc/);

    // Kind is a choice; the text box matches any part of name, team, kind, chip family or pool.
    const [{ n }] = (await queryDb<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Model" m WHERE kind = 'llm' AND (m.id ILIKE '%atlas%' OR m."displayName" ILIKE '%atlas%'
         OR m.team ILIKE '%atlas%' OR EXISTS (SELECT 1 FROM "PoolModel" pm WHERE pm."modelId" = m.id AND pm."poolId" ILIKE '%atlas%'))`,
    )) as [{ n: number }];
    await page.getByRole("combobox", { name: "Kind" }).selectOption("llm");
    await page.getByRole("searchbox", { name: "Filter models" }).fill("ATLAS");
    await expect(page).toHaveURL(/kind=llm/);
    await expect(page).toHaveURL(/q=ATLAS/);
    await expect(table.locator("tbody tr")).toHaveCount(n);
    // Filtered, the total is the exact sum of the rows shown, and says so.
    const spends = await table.locator('tbody [data-field="spend"]').allTextContents();
    const sum = spends.reduce((a, t) => a + shownCents(t), 0);
    expect(shownCents((await table.locator('[data-field="spend-total"]').textContent())!)).toBe(sum);
    await expect(table.locator("tfoot")).toContainText(`Total of the ${n} shown`);
    const csv = (await downloadCsv(page, /^Models/)).trim().split("\r\n");
    expect(csv).toHaveLength(n + 2);

    // A shared link reproduces the view.
    await page.goto(page.url());
    await expect(page.getByRole("combobox", { name: "Kind" })).toHaveValue("llm");
    await expect(page.getByRole("searchbox", { name: "Filter models" })).toHaveValue("ATLAS");
    await expect(table.locator("tbody tr")).toHaveCount(n);
    await expect(table.getByRole("columnheader", { name: /^Cost per unit, usage/ })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
  });

  test("the model page shades a pool action on its charts", async ({ page }) => {
    const id = randomUUID();
    const now = Date.now();
    await queryDb(
      `INSERT INTO "PoolAction" (id, "poolId", kind, count, state, "requestedBy", reason, "idempotencyKey", "requestHash", preview, "createdAt", "startedAt", "finishedAt")
       VALUES ($1, 'atlas-70b-chat-usw2-trn2-a', 'launch', 2, 'succeeded', 'e2e', 'e2e model annotation', $1, 'e2e', '{}', $2, $2, $3)`,
      [id, new Date(now - 25 * 60_000), new Date(now - 15 * 60_000)],
    );
    await page.goto("/models/atlas-70b-chat?range=1h");
    await expect(page.getByRole("heading", { name: "Atlas 70B Chat", exact: true })).toBeVisible();
    await expect(page.getByTestId("kpi-p95").locator(".bad-text")).toBeVisible(); // the hot pool drags p95 over the SLO
    await expect(page.getByTestId("chart-annotations").locator(`li[data-action-id="${id}"]`)).toContainText(
      "launch 2 on atlas-70b-chat-usw2-trn2-a",
    );
    const charts = page.getByTestId("model-charts");
    await expect(charts.locator(".recharts-reference-area").first()).toBeVisible();
    await expect.poll(() => charts.locator(".recharts-reference-area").count()).toBeGreaterThanOrEqual(4);
    await expect(charts.getByText("launch 2 · atlas-70b-chat-usw2-trn2-a").first()).toBeVisible();
    await expect(page.getByTestId("model-pools-table").locator("tbody tr")).toHaveCount(4);
  });
});
