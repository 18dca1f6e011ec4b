import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { fmtUsd } from "../components/format";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

const HOT_POOL = "atlas-70b-chat-use1-trn2-b";
const IDLE_POOL = "helios-405b-use2-trn2-a";

async function downloadCsv(page: Page, panelTestId: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(panelTestId).getByRole("button", { name: "Download CSV" }).click(),
  ]);
  return readFileSync((await download.path())!, "utf8");
}

test.describe("overview: on-call", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("needs attention names the hot pool's SLO breach first and the idle reservation", async ({ page }) => {
    await page.goto("/?range=1h");
    const list = page.getByTestId("needs-attention");
    const first = list.locator("li").first();
    await expect(first).toHaveAttribute("data-kind", "slo_breach");
    await expect(first).toHaveAttribute("data-pool", HOT_POOL);
    await expect(first).toContainText("over its 1.80 s SLO");
    await expect(list.locator(`li[data-kind="hot_pool"][data-pool="${HOT_POOL}"]`)).toBeVisible();
    const idle = list.locator(`li[data-kind="idle_reserved"][data-pool="${IDLE_POOL}"]`);
    await expect(idle).toContainText("12.0 of 16 reserved trn2.48xlarge idle");
    await expect(list.locator('li[data-kind="reservation_expiring"]')).toContainText("scribe-13b-code-use1-trn1-a");

    const csv = await downloadCsv(page, "needs-attention");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("severity,kind,pool,model,reservation,run,value,threshold,usd_per_hour,message");
    expect(lines.length - 1).toBe(await list.locator("li").count());
    expect(lines[1]).toContain(`critical,slo_breach,${HOT_POOL},atlas-70b-chat`);
    expect(csv).toContain(`warning,idle_reserved,${IDLE_POOL}`);
  });

  test("on-call KPIs show chip-family utilization, models over SLO and month-to-date spend from the database", async ({
    page,
  }) => {
    await page.goto("/?range=1h");
    const kpis = page.getByTestId("on-call-kpis");
    await expect(kpis.getByText("Trainium utilization")).toBeVisible();
    await expect(kpis.getByText("Graviton utilization")).toBeVisible();
    await expect(page.getByTestId("kpi-models-over-slo").locator('[data-field="value"]')).not.toHaveText(/^0 of/);
    const to = await page.locator("[data-range-to]").first().getAttribute("data-range-to");
    const monthStart = `${to!.slice(0, 7)}-01T00:00:00Z`;
    const [row] = await queryDb<{ spend: number }>(
      "SELECT coalesce(sum(spend_usd), 0) AS spend FROM telemetry_minute WHERE ts >= $1 AND ts < $2",
      [monthStart, to],
    );
    await expect(page.getByTestId("kpi-spend-mtd").locator('[data-field="value"]')).toHaveText(fmtUsd(row!.spend));
    await expect(page.getByTestId("recent-actions")).toBeVisible();
  });
});

test.describe("overview: charts", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("latency is on a log axis with each charted model's SLO, and a short action on 24h is readable", async ({
    page,
  }) => {
    const id = randomUUID();
    const started = new Date(Date.now() - 2 * 3600_000);
    await queryDb(
      `INSERT INTO "PoolAction" (id, "poolId", kind, count, state, "requestedBy", reason, "idempotencyKey", "requestHash", preview, "createdAt", "startedAt", "finishedAt")
       VALUES ($1, $2, 'launch', 3, 'succeeded', 'e2e', 'e2e overview annotation', $1, 'e2e', '{}', $3, $3, $4)`,
      [id, IDLE_POOL, started, new Date(started.getTime() + 3 * 60_000)],
    );
    await page.goto("/?range=24h");
    const latency = page.getByRole("region", { name: /^p95 latency by model/ });
    await expect(latency.locator(".recharts-line-curve").first()).toBeVisible();
    await expect(latency.getByText("ms (log)")).toBeVisible();
    // One dashed SLO line per charted model (one legend entry each).
    const charted = await latency.getByRole("button", { name: /./ }).count();
    await expect(latency.locator(".recharts-reference-line")).toHaveCount(charted);
    // A 3-minute action on a 24-hour axis: a visible span, labelled in full.
    const label = latency.getByText(`launch 3 · ${IDLE_POOL}`);
    await expect(label).toBeVisible();
    const area = latency.locator(".recharts-reference-area").first();
    expect((await area.boundingBox())!.width).toBeGreaterThanOrEqual(8);
    // Hovering a model in the legend labels its SLO line.
    const first = latency.getByRole("button").first();
    await first.hover();
    const name = (await first.textContent())!.trim();
    await expect(latency.getByText(`${name} SLO `, { exact: false }).first()).toBeVisible();
  });
});
