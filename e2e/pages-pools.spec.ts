import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

const HOT_POOL = "atlas-70b-chat-use1-trn2-b";
const IDLE_POOL = "helios-405b-use2-trn2-a";

async function downloadCsv(page: Page, name: RegExp): Promise<string> {
  const panel = page.locator("section.panel", { has: page.getByRole("heading", { name }) });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  return readFileSync((await download.path())!, "utf8");
}

async function insertAction(args: {
  poolId: string;
  kind: "launch" | "drain";
  count: number;
  startedMinutesAgo: number;
  finishedMinutesAgo: number;
}) {
  const id = randomUUID();
  const now = Date.now();
  await queryDb(
    `INSERT INTO "PoolAction" (id, "poolId", kind, count, state, "requestedBy", reason, "idempotencyKey", "requestHash", preview, "createdAt", "startedAt", "finishedAt")
     VALUES ($1, $2, $3, $4, 'succeeded', 'e2e', 'e2e pool annotation', $1, 'e2e', '{}', $5, $5, $6)`,
    [
      id,
      args.poolId,
      args.kind,
      args.count,
      new Date(now - args.startedMinutesAgo * 60_000),
      new Date(now - args.finishedMinutesAgo * 60_000),
    ],
  );
  return id;
}

test.describe("pools", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("filters and sorting live in the URL, and the CSV holds exactly the rows shown", async ({ page }) => {
    await page.goto("/pools?range=6h");
    const table = page.getByTestId("pools-table");
    const [{ n }] = (await queryDb<{ n: number }>(`SELECT count(*)::int AS n FROM "Pool"`)) as [{ n: number }];
    await expect(table.locator("tbody tr")).toHaveCount(n);

    await page.getByRole("combobox", { name: "Chip family" }).selectOption("trainium");
    await expect(page).toHaveURL(/chip=trainium/);
    await page.getByRole("button", { name: /^Utilization/ }).click();
    await expect(page).toHaveURL(/sort=utilization&dir=desc/);
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-pool", HOT_POOL);
    const [{ t }] = (await queryDb<{ t: number }>(
      `SELECT count(*)::int AS t FROM "Pool" WHERE "chipFamily" = 'trainium'`,
    )) as [{ t: number }];
    await expect(table.locator("tbody tr")).toHaveCount(t);

    const csv = (await downloadCsv(page, /^Pools/)).trim().split("\r\n");
    expect(csv).toHaveLength(t + 1);
    expect(csv[1]!.split(",")[0]).toBe(HOT_POOL);
    expect(csv.slice(1).every((l) => l.split(",")[2] === "trainium")).toBe(true);

    await page.goto(page.url()); // a shared link reproduces filters and order
    await expect(page.getByRole("combobox", { name: "Chip family" })).toHaveValue("trainium");
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-pool", HOT_POOL);
    await expect(table.locator("tbody tr")).toHaveCount(t);
  });

  test("the range picker changes the URL and the data, keeping the filters", async ({ page }) => {
    await page.goto("/pools?range=1h&region=us-east-2");
    const root = page.locator("[data-range-from]");
    const before = await root.getAttribute("data-range-from");
    await page.getByRole("combobox", { name: "Time range" }).selectOption("7d");
    await expect(page).toHaveURL(/range=7d/);
    await expect(page).toHaveURL(/region=us-east-2/);
    await expect(root).not.toHaveAttribute("data-range-from", before!);
    await expect(page.getByTestId("pools-table").locator("tbody tr td:nth-child(5)").first()).toContainText(
      "us-east-2",
    );
  });

  test("the pool page shows capacity, and shades actions on its charts as they appear", async ({ page }) => {
    test.setTimeout(120_000);
    const first = await insertAction({
      poolId: IDLE_POOL,
      kind: "drain",
      count: 2,
      startedMinutesAgo: 30,
      finishedMinutesAgo: 22,
    });
    await page.goto(`/pools/${IDLE_POOL}?range=1h&refresh=30s`);
    await expect(page.getByRole("heading", { name: IDLE_POOL })).toBeVisible();
    await expect(page.getByTestId("kpi-reserved").locator('[data-field="value"]')).toHaveText("16");
    await expect(page.getByTestId("kpi-in-service").locator('[data-field="value"]')).toHaveText("4");
    await expect(page.getByTestId("action-history").locator(`tr[data-action-id="${first}"]`)).toContainText("drain 2");
    await expect(page.getByTestId("chart-annotations").locator(`li[data-action-id="${first}"]`)).toBeVisible();
    const charts = page.getByTestId("pool-charts");
    await expect.poll(() => charts.locator(".recharts-reference-area").count()).toBeGreaterThanOrEqual(4);

    // A later action shows up without a reload: the history is refetched on the auto-refresh.
    const second = await insertAction({
      poolId: IDLE_POOL,
      kind: "launch",
      count: 1,
      startedMinutesAgo: 12,
      finishedMinutesAgo: 6,
    });
    await expect(page.getByTestId("chart-annotations").locator(`li[data-action-id="${second}"]`)).toBeVisible({
      timeout: 60_000,
    });
    await expect(charts.getByText("launch 1").first()).toBeVisible();

    const csv = await downloadCsv(page, /^Action history/);
    expect(csv).toContain(`${first},`);
    expect(csv).toContain(`${second},`);
  });

  test("an unknown pool is a 404 page", async ({ page }) => {
    await page.goto("/pools/no-such-pool");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});
