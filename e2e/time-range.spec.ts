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

    // A time typed with a space, but From after To: the notice names the problem.
    await page.goto("/?range=custom&from=2026-12-04%2010:00&to=2026-12-04%2009:00");
    await expect(page.getByRole("alert").filter({ hasText: "invalid time range" })).toContainText(
      "from must be before to",
    );
    await expect(page.getByTestId("needs-attention")).toBeVisible();
    await expect(rangeSelect(page)).toHaveValue("24h");
  });

  test("custom ranges are picked in UTC fields; From after To is said inline and not applied", async ({ page }) => {
    const day = (offsetDays: number) => new Date(Date.now() - offsetDays * 86400_000).toISOString().slice(0, 10);
    await page.goto("/models?range=6h");
    await rangeSelect(page).selectOption("custom");
    const form = page.getByRole("form", { name: "Custom time range (UTC)" });
    const from = form.getByLabel("From (UTC)");
    const to = form.getByLabel("To (UTC)");
    await expect(from).toHaveAttribute("type", "datetime-local");
    await expect(to).toHaveAttribute("type", "datetime-local");

    await from.fill(`${day(2)}T06:00`);
    await to.fill(`${day(3)}T06:00`);
    await expect(form.getByRole("alert")).toHaveText("from must be before to");
    await expect(from).toHaveAttribute("aria-invalid", "true");
    await form.getByRole("button", { name: "Apply" }).click();
    expect(new URL(page.url()).searchParams.get("range")).toBe("6h");

    await to.fill(`${day(1)}T06:30`);
    await expect(form.getByRole("alert")).toHaveCount(0);
    await form.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/range=custom/);
    const search = new URL(page.url()).searchParams;
    expect(search.get("from")).toBe(`${day(2)}T06:00Z`);
    expect(search.get("to")).toBe(`${day(1)}T06:30Z`);
    await expect(page.locator("[data-range-from]")).toHaveAttribute("data-range-from", `${day(2)}T06:00:00.000Z`);
    await expect(page.locator("[data-range-to]")).toHaveAttribute("data-range-to", `${day(1)}T06:30:00.000Z`);
    await expect(from).toHaveValue(`${day(2)}T06:00`);

    // Back returns to the range before.
    await page.goBack();
    await expect(page).toHaveURL(/range=6h/);
    await expect(rangeSelect(page)).toHaveValue("6h");
  });

  test("a link's instant with an offset shows in the fields as UTC", async ({ page }) => {
    const day = (offsetDays: number) => new Date(Date.now() - offsetDays * 86400_000).toISOString().slice(0, 10);
    await page.goto(`/pools?range=custom&from=${day(3)}T08:00:00%2B02:00&to=${day(2)}%2012:00`);
    await expect(rangeSelect(page)).toHaveValue("custom");
    const form = page.getByRole("form", { name: "Custom time range (UTC)" });
    await expect(form.getByLabel("From (UTC)")).toHaveValue(`${day(3)}T06:00`);
    await expect(form.getByLabel("To (UTC)")).toHaveValue(`${day(2)}T12:00`);
  });

  test("every telemetry page says when its data ends, in UTC", async ({ page }) => {
    await page.goto("/?range=6h");
    // Fresh telemetry: the overview's range ends where its data does.
    const rangeTo = await page.locator("[data-range-to]").getAttribute("data-range-to");
    await expect(page.getByTestId("data-as-of")).toHaveText(
      `Data as of ${rangeTo!.slice(0, 16).replace("T", " ")} UTC`,
    );
    for (const path of [
      "/models",
      "/models/atlas-70b-chat",
      "/pools",
      "/pools/rank-xl-ctr-use1-r8g-b",
      "/capacity",
      "/capacity-review",
    ]) {
      await page.goto(path);
      await expect(page.getByTestId("data-as-of"), path).toHaveText(/^Data as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    }
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

test.describe("time range, as an operator", () => {
  test.beforeEach(async ({ page }) => signInAs(page, "operator"));

  test("a bad range on a pool page keeps the Launch and Drain controls", async ({ page }) => {
    await page.goto("/pools/atlas-70b-chat-use1-trn2-b?range=abc");
    await expect(page.getByRole("alert").filter({ hasText: "invalid time range" })).toContainText(
      '"abc" is not one of',
    );
    await expect(page.getByRole("button", { name: "Launch…" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Drain…" })).toBeVisible();
  });
});
