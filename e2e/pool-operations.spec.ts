import { expect, test } from "@playwright/test";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

// An operator drains two instances from an EKS node-group pool on the simulated fleet: preview,
// typed confirmation, live progress through the PDB refusals, and the effect on the pages.
// 40 instances, no reservation: a 2-instance drain needs no approval. Used by no other spec.
const POOL = "atlas-1b-edge-usw2-c8g-a";

test("an operator previews, confirms and follows a drain to completion", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, "operator");
  await page.goto(`/pools/${POOL}?range=1h`);
  await expect(page.getByTestId("kpi-desired")).toContainText("40");

  await page.getByRole("button", { name: "Drain…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Instances").fill("2");
  await dialog.getByRole("button", { name: "Preview" }).click();
  const preview = dialog.getByTestId("action-preview");
  await expect(preview).toContainText("40 → 38");
  await expect(preview).toContainText("atlas-1b-edge-pdb");
  // The preview names the two instances (and their nodes) it would drain.
  await expect(preview.getByTestId("preview-drain-instances").locator("tbody tr")).toHaveCount(2);
  const drain = dialog.getByRole("button", { name: "Drain", exact: true });
  await expect(drain).toBeDisabled();
  await dialog.getByLabel("Reason").fill("e2e: shrink atlas-1b-edge in usw2 overnight");
  await dialog.getByLabel("Type the pool name to confirm").fill(POOL);
  await drain.click();
  await expect(dialog).toBeHidden();

  const progress = page.getByTestId("action-progress");
  await expect(progress).toBeVisible();
  await expect(progress.locator('[data-step="cordon-nodes"]')).toHaveAttribute("data-step-state", "succeeded", {
    timeout: 30_000,
  });
  await expect(progress).toHaveAttribute("data-state", "succeeded", { timeout: 120_000 });
  await expect(progress.locator('[data-step-state="succeeded"]')).toHaveCount(6);
  // Each chosen instance is named with its node and ends terminated; step times are to the second.
  const drained = progress.getByTestId("drain-instances").locator("tbody tr");
  await expect(drained).toHaveCount(2);
  await expect(drained.filter({ hasText: "terminated" })).toHaveCount(2);
  await expect(progress.locator('[data-step="cordon-nodes"] [data-testid="step-times"]')).toContainText(
    /\d\d:\d\d:\d\d → \d\d:\d\d:\d\d \(\d+ s\)/,
  );

  const [action] = await queryDb<{ id: string; state: string; requestedBy: string }>(
    `SELECT id, state, "requestedBy" FROM "PoolAction" WHERE "poolId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [POOL],
  );
  expect(action).toMatchObject({ state: "succeeded", requestedBy: "demo-operator" });
  const terminated = await queryDb<{ n: number }>(
    `SELECT count(*)::int AS n FROM "SimulatedInstance" WHERE "poolId" = $1 AND state = 'terminated'`,
    [POOL],
  );
  expect(terminated[0]?.n).toBe(2);

  // The pool page shows the new capacity, and the drain on its charts once the next ingest tick
  // has stored the minutes it covers (charts end at the newest stored minute); the overview lists it.
  await page.reload();
  await expect(page.getByTestId("kpi-desired")).toContainText("38");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("chart-annotations").locator(`[data-action-id="${action!.id}"]`)).toContainText(
      `drain 2 on ${POOL}`,
      { timeout: 2_000 },
    );
  }).toPass({ timeout: 100_000, intervals: [5_000] });
  await page.goto("/pools?range=1h");
  await expect(page.locator(`tr[data-pool="${POOL}"]`)).toContainText("38");
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
  await expect(progress.locator('[data-step="evict-pods"]')).toContainText("by lumen-caption-3b-pdb", {
    timeout: 60_000,
  });
  // A viewer-visible banner says a drain is running, and by whom.
  await expect(page.getByTestId("action-running-banner")).toContainText("requested by demo-operator");
  await progress.getByRole("button", { name: "Cancel" }).click();
  await expect(progress).toHaveAttribute("data-state", "cancelled", { timeout: 30_000 });
  // The steps it never ran read skipped, not pending.
  for (const step of ["wait-for-pods", "terminate-instances", "wait-for-termination"])
    await expect(progress.locator(`[data-step="${step}"]`)).toHaveAttribute("data-step-state", "skipped");
  await expect(page.getByTestId("action-running-banner")).toBeHidden({ timeout: 15_000 });
  // The cancelled drain gave its cordoned node back before it ended.
  await expect(progress.locator('[data-step="uncordon-nodes"]')).toHaveAttribute("data-step-state", "succeeded");
  await expect(progress.locator('[data-step="uncordon-nodes"]')).toContainText("1 node(s) uncordoned");
  const rows = await queryDb<{ desired: number }>(`SELECT "desiredCapacity" AS desired FROM "Pool" WHERE id = $1`, [
    pool,
  ]);
  expect(rows[0]?.desired).toBe(36);
});

test("a launch past the pool's maximum previews why, with the field marked, and bad input reads as a sentence", async ({
  page,
}) => {
  const pool = "helios-405b-use2-trn2-a"; // desired 4, max 8
  await signInAs(page, "operator");
  await page.goto(`/pools/${pool}`);
  await page.getByRole("button", { name: "Launch…" }).click();
  const dialog = page.getByRole("dialog");
  const instances = dialog.getByLabel("Instances");
  await instances.fill("0");
  await expect(dialog.getByTestId("count-error")).toHaveText("The number of instances must be at least 1.");
  await expect(instances).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByRole("button", { name: "Preview" })).toBeDisabled();
  await instances.fill("10");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("count-error")).toHaveText("4 → 14 exceeds the pool maximum of 8 (at most 4 more)");
  await expect(instances).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByRole("alert").filter({ hasText: "Refused" })).toContainText(
    "4 → 14 exceeds the pool maximum of 8 (at most 4 more)",
  );
});
