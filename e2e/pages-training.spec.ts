import { expect, test } from "@playwright/test";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

// The simulated fleet trains on Capacity Blocks (lib/simulator/training): the run that will not
// finish before its block's termination start, the restarting one and the finished one are on
// /training, with the block timeline; the at-risk run is in Needs attention with its cut-off.
const AT_RISK = "sim-atlas-70b-v6-pretrain";

test.describe("training", () => {
  test("a viewer sees the runs, the at-risk one flagged, and every Capacity Block on the timeline", async ({
    page,
  }) => {
    await signInAs(page, "viewer");
    await page.getByRole("link", { name: "Training" }).click();
    await expect(page.getByRole("heading", { name: "Training", level: 1 })).toBeVisible();
    const runs = page.getByTestId("training-runs");
    await expect(runs.locator(`tr[data-run="${AT_RISK}"]`)).toContainText("misses by");
    await expect(runs.locator('tr[data-run="sim-iris-vl-13b-sft"]')).toContainText("restarts");
    await expect(runs.locator('tr[data-run="sim-scribe-13b-code-v3"]')).toContainText("succeeded");
    const blocks = (await queryDb<{ id: string }>(
      `SELECT id FROM "CapacityReservation" WHERE "reservationType" = 'capacity-block' ORDER BY id`,
    )) as { id: string }[];
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const timeline = page.getByTestId("capacity-block-timeline");
    for (const b of blocks) await expect(timeline.locator(`tr[data-block="${b.id}"]`)).toBeVisible();
    await expect(timeline).toContainText("Idle block-hours");
    await expect(page.getByTestId("velocity-by-model")).toContainText("atlas-70b-v6");
    await expect(page.getByTestId("velocity-by-team")).toContainText("foundation");
  });

  test("the at-risk run's page names the cut-off and the latest safe checkpoint; Needs attention links to it", async ({
    page,
  }) => {
    await signInAs(page, "viewer");
    await page.goto(`/training/${AT_RISK}`);
    await expect(page.getByRole("heading", { name: "atlas-70b-v6 pretrain" })).toBeVisible();
    await expect(page.getByTestId("run-finish-prediction")).toContainText("misses by");
    await expect(page.getByTestId("run-finish-prediction")).toContainText("latest safe checkpoint");
    await expect(page.getByTestId("run-cost")).not.toContainText("—");
    await page.goto("/");
    // The restarting run may be at risk too (its throughput is down while it restarts): this one is the at-risk run's.
    const item = page
      .getByTestId("needs-attention")
      .locator('li[data-kind="training_at_risk"]')
      .filter({ hasText: "atlas-70b-v6 pretrain" });
    await expect(item).toContainText("latest safe checkpoint");
    await item.getByRole("link", { name: "run" }).click();
    await expect(page).toHaveURL(new RegExp(`/training/${AT_RISK}$`));
  });

  test("an unknown run is a real 404 with the not-found view", async ({ page }) => {
    await signInAs(page, "viewer");
    const response = await page.goto("/training/no-such-run");
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText("There is no training run named no-such-run");
  });
});
