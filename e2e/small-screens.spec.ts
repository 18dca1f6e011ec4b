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
    // The page itself never scrolls sideways; wide tables scroll inside their own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
