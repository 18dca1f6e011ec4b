import { expect, test, type Page } from "@playwright/test";
import { queryDb } from "./db";
import { OIDC_E2E } from "./oidc/oidc-env";

// Production sign-in, end to end: the browser signs in at a real OpenID Connect provider
// (e2e/oidc/provider.ts), next-auth completes the code flow with PKCE, the groups claim maps to a
// role, and the session is a server-side row that sign-out ends.
test.use({ baseURL: OIDC_E2E.appBaseUrl });

const dbRows = (sql: string, params: unknown[] = []) => queryDb(sql, params, OIDC_E2E.databaseUrl);

test.beforeEach(async ({ context }) => {
  // The provider's development login page asks for a hosted font: nothing leaves this machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
});

/** From the app's sign-in page through the provider's login and consent screens, back to the app. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();
  await page.waitForURL((url) => url.href.startsWith(OIDC_E2E.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.href.startsWith(OIDC_E2E.appBaseUrl));
}

test("an operator signs in through the identity provider, gets the role of their group, and sign-out ends the session", async ({
  page,
  browser,
}) => {
  await signInAtProvider(page, "omar@example.com");
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("operator");
  await expect(page.getByText("Omar Operator (SSO)")).toBeVisible();
  await expect(page.getByText("demo mode")).toHaveCount(0);
  expect(await dbRows(`SELECT "userId", role, via FROM "UserSession" WHERE "userId" = 'omar@example.com'`)).toEqual([
    { userId: "omar@example.com", role: "operator", via: "oidc" },
  ]);

  // Keep a copy of the session cookie, as someone who lifted it would.
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect(await dbRows(`SELECT id FROM "UserSession" WHERE "userId" = 'omar@example.com'`)).toEqual([]);

  const thief = await browser.newContext({ baseURL: OIDC_E2E.appBaseUrl });
  await thief.addCookies(copied);
  const response = await thief.request.get("/api/audit");
  expect(response.status()).toBe(401);
  await thief.close();
});

test("an admin's groups map to the admin role", async ({ page }) => {
  await signInAtProvider(page, "ada@example.com");
  await expect(page.getByTestId("current-role")).toHaveText("admin");
  expect((await page.request.get("/api/sessions")).status()).toBe(200);
});

test("a person in none of the mapped groups is refused, with the reason", async ({ page }) => {
  await signInAtProvider(page, "casey@example.com");
  await expect(page).toHaveURL(/\/signin\?refused=no-role/);
  await expect(page.getByRole("alert").filter({ hasText: "You signed in" })).toContainText(
    "your account is in none of the Fleet Console groups (fleet-viewers, fleet-operators, fleet-admins)",
  );
  expect((await page.request.get("/api/audit")).status()).toBe(403);
  expect(await dbRows(`SELECT id FROM "UserSession" WHERE "userId" = 'casey@example.com'`)).toEqual([]);
});

test("an expired session is sent back to sign-in", async ({ page }) => {
  await signInAtProvider(page, "vera@example.com");
  await expect(page.getByTestId("current-role")).toHaveText("viewer");
  await dbRows(
    `UPDATE "UserSession" SET "expiresAt" = now() - interval '1 second' WHERE "userId" = 'vera@example.com'`,
  );
  await page.goto("/models");
  await expect(page).toHaveURL(/\/signin/);
  expect((await page.request.get("/api/models")).status()).toBe(401);
});
