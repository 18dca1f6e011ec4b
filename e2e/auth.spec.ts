import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("anonymous visitors are sent to sign-in, and the API answers 401", async ({ page, request }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByText("demo mode")).toBeVisible();
  expect((await request.get("/api/overview")).status()).toBe(401);
});

test("a signed-in user sees who they are and can sign out", async ({ page }) => {
  await signInAs(page, "operator");
  await expect(page.getByTestId("current-role")).toHaveText("operator");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
});

test("pages carry security headers with a script nonce", async ({ request }) => {
  const response = await request.get("/signin");
  const csp = response.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(response.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  const api = await request.get("/api/health/live");
  expect(api.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
});

test("a cross-origin POST is refused", async ({ request }) => {
  const response = await request.post("/api/auth/demo/sign-in", {
    data: { userId: "demo-admin" },
    headers: { origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toMatch(/cross-origin/);
  const nullOrigin = await request.post("/api/auth/demo/sign-in", {
    data: { userId: "demo-admin" },
    headers: { origin: "null" },
  });
  expect(nullOrigin.status()).toBe(403);
});
