import { expect, test } from "@playwright/test";
import { queryDb } from "./db";
import { E2E } from "./e2e-env";
import { signInAs } from "./sign-in";

// An admin ends someone else's session from the Sessions page: their next request is signed out.
test("an admin revokes an operator's session from the Sessions page, and the operator is signed out at once", async ({
  page,
  browser,
}) => {
  const operatorContext = await browser.newContext({ baseURL: E2E.baseUrl });
  const operator = await operatorContext.newPage();
  await signInAs(operator, "operator");
  expect((await operator.request.get("/api/audit")).status()).toBe(200);

  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Signed-in sessions" })).toBeVisible();
  // Newest use first: the operator's session signed in just now is the first of theirs.
  const row = page.getByTestId("sessions-table").locator('tr[data-session-user="demo-operator"]').first();
  await expect(row).toContainText("Omar Operator");
  await row.getByRole("button", { name: "Revoke…" }).click();
  await row.getByLabel("Reason (optional)").fill("e2e: shared laptop");
  await row.getByRole("button", { name: "Revoke Omar Operator's session" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Revoked" })).toHaveText("Revoked demo-operator's session");

  expect((await operator.request.get("/api/audit")).status()).toBe(401);
  await operator.goto("/models");
  await expect(operator).toHaveURL(/\/signin/);
  expect(
    await queryDb(
      `SELECT actor, reason FROM "AuditEvent" WHERE action = 'auth.session.revoke' AND outcome = 'succeeded' ORDER BY id DESC LIMIT 1`,
    ),
  ).toEqual([{ actor: "demo-admin", reason: "e2e: shared laptop" }]);
  await operatorContext.close();
});

test("a viewer sees no Sessions link, and the page says it needs the admin role", async ({ page }) => {
  await signInAs(page, "viewer");
  await expect(page.getByRole("link", { name: "Sessions" })).toHaveCount(0);
  await page.goto("/sessions");
  await expect(page.getByRole("alert").filter({ hasText: "admin role" })).toContainText(
    "This page needs the admin role; you are signed in as viewer.",
  );
  expect((await page.request.get("/api/sessions")).status()).toBe(403);
});
