import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// An on-call engineer paged on a phone.
test.describe("small screens", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("at 390 px the navigation is a bar above the page and Needs attention comes first", async ({ page }) => {
    await page.goto("/");
    const attention = page.getByTestId("needs-attention");
    await expect(attention).toBeVisible();
    const main = (await page.locator("main#main").boundingBox())!;
    expect(main.x).toBeLessThan(20); // not pushed right by a sidebar
    expect(main.width).toBeGreaterThan(350);
    const kpis = (await page.getByRole("region", { name: "Fleet totals" }).boundingBox())!;
    expect((await attention.boundingBox())!.y).toBeLessThan(kpis.y);
    expect((await attention.boundingBox())!.y).toBeLessThan(844); // on the first screen, not 2.5 screens down
    // The page itself never scrolls sideways; wide tables scroll inside their own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test("the navigation folds behind a Menu button that works by keyboard", async ({ page }) => {
    await page.goto("/models?range=7d");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu" });
    const pools = nav.getByRole("link", { name: "Pools" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(pools).toBeHidden();
    // A top bar, not half the screen.
    const bar = (await nav.boundingBox())!;
    expect(bar.height).toBeLessThan(80);
    expect(bar.width).toBeGreaterThan(350);

    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(pools).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Overview" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(pools).toBeHidden();

    // Following a link closes the menu; the link kept the range.
    await menu.click();
    await pools.click();
    await expect(page).toHaveURL(/\/pools\?range=7d$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(pools).toBeHidden();
  });
});
