import { expect, type Page } from "@playwright/test";

const NAMES = { viewer: "Vera Viewer", operator: "Omar Operator", admin: "Ada Admin", "admin-2": "Abe Admin" } as const;

/** Signs in through the demo sign-in page, as a person would. */
export async function signInAs(page: Page, who: keyof typeof NAMES) {
  await page.goto("/signin");
  await page.getByRole("button", { name: new RegExp(NAMES[who]) }).click();
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
}
