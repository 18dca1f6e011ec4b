import { expect, test } from "@playwright/test";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

// An operator drains two instances from an EKS node-group pool on the simulated fleet: preview,
// typed confirmation, live progress through the PDB refusals, and the effect on the pages.
const POOL = "rerank-mini-usw2-c7g-a"; // 24 instances, no reservation: a 2-instance drain needs no approval

test("an operator previews, confirms and follows a drain to completion", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, "operator");
  await page.goto(`/pools/${POOL}?range=1h`);
  await expect(page.getByTestId("kpi-desired")).toContainText("24");

  await page.getByRole("button", { name: "Drain…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Instances").fill("2");
  await dialog.getByRole("button", { name: "Preview" }).click();
  const preview = dialog.getByTestId("action-preview");
  await expect(preview).toContainText("24 → 22");
  await expect(preview).toContainText("rerank-mini-pdb");
  const drain = dialog.getByRole("button", { name: "Drain", exact: true });
  await expect(drain).toBeDisabled();
  await dialog.getByLabel("Reason").fill("e2e: shrink rerank-mini in usw2 overnight");
  await dialog.getByLabel("Type the pool name to confirm").fill(POOL);
  await drain.click();
  await expect(dialog).toBeHidden();

  const progress = page.getByTestId("action-progress");
  await expect(progress).toBeVisible();
  await expect(progress.locator('[data-step="cordon-nodes"]')).toHaveAttribute("data-step-state", "succeeded", { timeout: 30_000 });
  await expect(progress).toHaveAttribute("data-state", "succeeded", { timeout: 120_000 });
  await expect(progress.locator('[data-step-state="succeeded"]')).toHaveCount(6);

  const [action] = await queryDb<{ id: string; state: string; requestedBy: string }>(`SELECT id, state, "requestedBy" FROM "PoolAction" WHERE "poolId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [POOL]);
  expect(action).toMatchObject({ state: "succeeded", requestedBy: "demo-operator" });
  const terminated = await queryDb<{ n: number }>(`SELECT count(*)::int AS n FROM "SimulatedInstance" WHERE "poolId" = $1 AND state = 'terminated'`, [POOL]);
  expect(terminated[0]?.n).toBe(2);

  // The pool page shows the new capacity and the drain on its charts; the overview lists it.
  await page.reload();
  await expect(page.getByTestId("kpi-desired")).toContainText("22");
  await expect(page.getByTestId("chart-annotations").locator(`[data-action-id="${action!.id}"]`)).toContainText(`drain 2 on ${POOL}`);
  await page.goto("/pools?range=1h");
  await expect(page.locator(`tr[data-pool="${POOL}"]`)).toContainText("22");
  await page.goto("/?range=1h");
  await expect(page.getByText(POOL).first()).toBeVisible();
});

test("a drain can be cancelled while a PodDisruptionBudget blocks it", async ({ page }) => {
  test.setTimeout(120_000);
  const pool = "lumen-caption-3b-usw2-c7g-a";
  await queryDb(`INSERT INTO "SimulatedFault" ("poolId", kind) VALUES ($1, 'eviction_stuck')`, [pool]);
  await signInAs(page, "operator");
  await page.goto(`/pools/${pool}`);
  await page.getByRole("button", { name: "Drain…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Instances").fill("1");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await dialog.getByLabel("Reason").fill("e2e: cancel a stuck drain");
  await dialog.getByLabel("Type the pool name to confirm").fill(pool);
  await dialog.getByRole("button", { name: "Drain", exact: true }).click();

  const progress = page.getByTestId("action-progress");
  await expect(progress.locator('[data-step="evict-pods"]')).toContainText("by lumen-caption-3b-pdb", { timeout: 60_000 });
  await progress.getByRole("button", { name: "Cancel" }).click();
  await expect(progress).toHaveAttribute("data-state", "cancelled", { timeout: 30_000 });
  const rows = await queryDb<{ desired: number }>(`SELECT "desiredCapacity" AS desired FROM "Pool" WHERE id = $1`, [pool]);
  expect(rows[0]?.desired).toBe(36);
});
