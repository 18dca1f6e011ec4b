import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// Time handling as on-call engineers know it from Grafana: a bad link still shows the page, Back
// undoes a range change, drill-downs keep the range, and the keyboard does not reload per key.
test.describe("time range", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  const rangeSelect = (page: import("@playwright/test").Page) => page.getByRole("combobox", { name: "Time range" });

  test("a mistyped range shows the page on the default range, with a notice", async ({ page }) => {
    await page.goto("/?range=abc");
    await expect(page.getByRole("alert").filter({ hasText: "invalid time range" })).toContainText(
      "Showing the last 24h instead",
    );
    await expect(page.getByTestId("needs-attention")).toBeVisible();
    await expect(page.getByTestId("model-table").locator("tbody tr")).toHaveCount(12);
    await expect(rangeSelect(page)).toHaveValue("24h");

    // A custom range without `to`: the pool page keeps its Launch/Drain controls.
    await page.goto("/pools/rank-xl-ctr-use1-r8g-b?range=custom&from=2026-11-01T00:00:00Z");
    await expect(page.getByRole("alert").filter({ hasText: "invalid time range" })).toContainText(
      "a custom range needs both from and to",
    );
    await expect(page.getByRole("heading", { name: "rank-xl-ctr-use1-r8g-b" })).toBeVisible();
  });

  test("a UTC instant typed as people type it is accepted", async ({ page }) => {
    const day = (offsetDays: number) => new Date(Date.now() - offsetDays * 86400_000).toISOString().slice(0, 10);
    await page.goto(`/models?range=custom&from=${day(3)}%2006:00&to=${day(2)}`);
    await expect(page.getByRole("heading", { name: "Models", exact: true })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "invalid" })).toHaveCount(0);
    await expect(page.locator("[data-range-from]")).toHaveAttribute("data-range-from", new RegExp(`^${day(3)}T06:00`));
  });

  test("a range change is a history entry: Back returns to the previous range", async ({ page }) => {
    await page.goto("/?range=6h");
    await rangeSelect(page).selectOption("7d");
    await expect(page).toHaveURL(/range=7d/);
    await page.goBack();
    await expect(page).toHaveURL(/range=6h/);
    await expect(rangeSelect(page)).toHaveValue("6h");
  });

  test("navigation and drill-down links keep the range", async ({ page }) => {
    await page.goto("/models?range=7d");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pools" })).toHaveAttribute(
      "href",
      "/pools?range=7d",
    );
    await page.getByTestId("models-table").locator("tbody tr").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/models\/[^?]+\?range=7d$/);
    await expect(rangeSelect(page)).toHaveValue("7d");
  });

  test("arrow keys browse the range without reloading; Enter applies once", async ({ page }) => {
    await page.goto("/?range=6h");
    const select = rangeSelect(page);
    await select.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(select).toHaveValue("7d");
    expect(new URL(page.url()).searchParams.get("range")).toBe("6h");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/range=7d/);
  });

  test("a skip link takes the keyboard past the navigation", async ({ page }) => {
    await page.goto("/models");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });
});
