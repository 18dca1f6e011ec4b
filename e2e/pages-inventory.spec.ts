import { expect, test } from "@playwright/test";
import { queryDb } from "./db";
import { signInAs } from "./sign-in";

// The simulated fleet entered the database through the inventory sync: the page shows that source,
// what it discovered, and lets an admin (only) sync again.
test.describe("inventory", () => {
  test("a viewer sees the source, its last sync and what it discovered, and no sync button", async ({ page }) => {
    await signInAs(page, "viewer");
    await page.getByRole("link", { name: "Inventory" }).click();
    await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
    await expect(page.getByText("simulated fleet")).toBeVisible();
    const [{ n }] = (await queryDb<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Pool" WHERE "retiredAt" IS NULL`,
    )) as [{ n: number }];
    await expect(page.getByRole("region", { name: "Inventory counts" })).toContainText(`Pools${n}`);
    await expect(page.getByTestId("inventory-scopes").locator('tr[data-scope="simulated"]')).toHaveAttribute(
      "data-ok",
      "true",
    );
    await expect(page.getByTestId("inventory-problems")).toContainText("None");
    await expect(
      page.getByTestId("inventory-changes").locator('tr[data-action="inventory.pool.discovered"]').first(),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  });

  test("an admin syncs now: the unchanged catalog gives no change, and the run is listed and audited", async ({
    page,
  }) => {
    await signInAs(page, "admin");
    await page.goto("/inventory");
    const before = await page.getByTestId("inventory-runs").locator("tbody tr").count();
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByRole("status")).toContainText("Synced: 0 change(s), 0 problem(s)");
    await expect(page.getByTestId("inventory-runs").locator("tbody tr")).toHaveCount(before + 1);
    await expect(page.getByTestId("inventory-runs").locator("tbody tr").first()).toContainText("admin:");
    const rows = await queryDb<{ outcome: string }>(
      `SELECT outcome FROM "AuditEvent" WHERE action = 'inventory.sync' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows).toEqual([{ outcome: "succeeded" }]);
  });
});
