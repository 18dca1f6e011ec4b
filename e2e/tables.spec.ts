import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// Issue 17: at 1440×900 no key column of the models and pools tables is cut off without a sign.
for (const { path, testId, first, last } of [
  { path: "/models?range=6h", testId: "models-table", first: "Model", last: /^Trainium vs Graviton/ },
  { path: "/pools?range=6h", testId: "pools-table", first: "Pool", last: /^Idle reserved/ },
]) {
  test(`${path}: the page never scrolls sideways; the table scrolls in its box, first column in view`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, "viewer");
    await page.goto(path);
    const table = page.getByTestId(testId);
    await expect(table.locator("tbody tr").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);

    const box = table.locator("xpath=ancestor::div[contains(@class,'scroll-x')][1]");
    const edges = table.locator("xpath=ancestor::div[contains(@class,'table-edges')][1]");
    const overflows = await box.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    // Wider than its box: the right edge is shaded until scrolled to the end.
    if (overflows) await expect(edges).toHaveClass(/more-right/);
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(edges).not.toHaveClass(/more-right/);
    const lastHeader = table.getByRole("columnheader", { name: last });
    const firstHeader = table.getByRole("columnheader", { name: first, exact: false }).first();
    const boxRect = (await box.boundingBox())!;
    const lastRect = (await lastHeader.boundingBox())!;
    const firstRect = (await firstHeader.boundingBox())!;
    expect(lastRect.x + lastRect.width).toBeLessThanOrEqual(boxRect.x + boxRect.width + 1);
    // The sticky first column stays at the box's left edge after scrolling.
    expect(Math.abs(firstRect.x - boxRect.x)).toBeLessThanOrEqual(1);
    if (overflows) await expect(edges).toHaveClass(/more-left/);
  });
}
