import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// Unknown ids and addresses answer a real 404 that names what is missing and keeps the way back.
test.describe("not found", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "viewer"));

  test("an unknown model or pool is a 404 that names the id, inside the navigation", async ({ page }) => {
    for (const [path, kind, list] of [
      ["/models/no-such-model?range=7d", "model", "models"],
      ["/pools/no-such-pool", "pool", "pools"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      const view = page.getByTestId("not-found");
      await expect(view).toContainText(`There is no ${kind} named ${path.split("/")[2]!.split("?")[0]}`);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      await expect(view.getByRole("link", { name: `All ${list}` })).toHaveAttribute(
        "href",
        path.includes("range=7d") ? `/${list}?range=7d` : `/${list}`,
      );
    }
  });

  test("an unknown address is a 404 with navigation and no CSP violations", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText("Nothing lives at this address");
    // The dashboard's own frame: the whole navigation and who is signed in.
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Overview", "Models", "Pools", "Capacity", "Audit"])
      await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(nav.getByTestId("current-role")).toHaveText("viewer");
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });

  test("the API answers an unknown model or pool with a 404 that names it", async ({ page }) => {
    const model = await page.request.get("/api/models/no-such-model?range=6h");
    expect(model.status()).toBe(404);
    expect((await model.json()).error).toMatchObject({ code: "NOT_FOUND", message: "no model no-such-model" });
    const pool = await page.request.get("/api/pools/no-such-pool");
    expect(pool.status()).toBe(404);
    expect((await pool.json()).error).toMatchObject({ code: "NOT_FOUND", message: "no pool no-such-pool" });
    // An address that is no endpoint is JSON too (the app's HTML 404 under the API's CSP would break).
    const unknown = await page.request.get("/api/no/such-endpoint");
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error).toMatchObject({
      code: "NOT_FOUND",
      message: "no API endpoint /api/no/such-endpoint",
    });
  });

  test("a path with a broken %-escape is a 400, not a 500", async ({ request }) => {
    expect((await request.get("/models/%E0%A4%A")).status()).toBe(400);
    expect((await request.get("/api/models/%E0%A4%A")).status()).toBe(400);
  });
});
