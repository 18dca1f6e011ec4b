import { expect, test, type Page } from "@playwright/test";
import { queryDb } from "./db";
import { E2E } from "./e2e-env";
import { signInAs } from "./sign-in";

// Roles end to end: what a viewer sees and may do, and the two-person rule for a risky drain,
// through the real server (page.request shares the signed-in page's cookies).
const VIEWER_POOL = "rank-embed-v4-usw2-m7g-a";
const RISKY = { poolId: "rerank-mini-usw2-c7g-a", count: 8 }; // 8 of 24 in service: 33 %, above the 25 % approval threshold
const sameOrigin = { origin: E2E.baseUrl };
const newKey = () => `e2e-security-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
// The predicted p95 after a drain follows the simulated day's load, so at some hours this drain also
// needs the SLO-risk override; it is given up front, and the test is about the share rule either way.
const drain = (poolId: string, count: number, overrides: Record<string, string> = {}) => ({
  kind: "drain",
  count,
  reason: "e2e: risky drain needs a second person",
  confirmPoolName: poolId,
  overrides,
});

async function requestDrain(
  page: Page,
  poolId: string,
  count: number,
  key: string,
  overrides: Record<string, string> = {},
) {
  return page.request.post(`/api/pools/${poolId}/actions`, {
    data: drain(poolId, count, overrides),
    headers: { ...sameOrigin, "idempotency-key": key },
  });
}

test("a viewer gets 403 from the launch/drain and approval APIs, audited, and nothing is created", async ({ page }) => {
  await signInAs(page, "viewer");
  const key = newKey();
  const response = await requestDrain(page, VIEWER_POOL, 1, key);
  expect(response.status()).toBe(403);
  const body = await response.json();
  expect(body.error.code).toBe("FORBIDDEN");
  expect(body.error.message).toMatch(/needs the operator role; you are signed in as viewer/);
  expect(await queryDb(`SELECT id FROM "PoolAction" WHERE "idempotencyKey" = $1`, [key])).toEqual([]);
  const audit = await queryDb<{ outcome: string; poolId: string }>(
    `SELECT outcome, "poolId" FROM "AuditEvent" WHERE actor = 'demo-viewer' AND action = 'pool.action.request' ORDER BY id DESC LIMIT 1`,
  );
  expect(audit).toEqual([{ outcome: "refused", poolId: VIEWER_POOL }]);

  const approve = await page.request.post(`/api/actions/00000000-0000-4000-8000-000000000000/approve`, {
    data: { paramsHash: "0".repeat(64) },
    headers: sameOrigin,
  });
  expect(approve.status()).toBe(403);
  // Reading stays open to viewers.
  expect((await page.request.get(`/api/pools/${VIEWER_POOL}/actions`)).status()).toBe(200);
});

test("a viewer sees no launch/drain controls on a pool page; an operator does", async ({ page, browser }) => {
  await signInAs(page, "viewer");
  await page.goto(`/pools/${VIEWER_POOL}`);
  await expect(page.getByRole("heading", { level: 1, name: VIEWER_POOL })).toBeVisible();
  await expect(page.getByRole("region", { name: "Pool operations" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /launch|drain/i })).toHaveCount(0);

  // The same page for an operator has the controls, so the viewer's empty result above is not vacuous.
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signInAs(operator, "operator");
  await operator.goto(`/pools/${VIEWER_POOL}`);
  const panel = operator.getByRole("region", { name: "Pool operations" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("button", { name: /^Launch/ })).toBeVisible();
  await expect(panel.getByRole("button", { name: /^Drain/ })).toBeVisible();
  await operatorContext.close();
});

test("an operator's risky drain waits for an admin's approval, then proceeds", async ({ page, browser }) => {
  await signInAs(page, "operator");
  const created = await requestDrain(page, RISKY.poolId, RISKY.count, newKey(), {
    sloRisk: "e2e: accepted for the approval test",
  });
  expect(created.status(), await created.text()).toBe(201);
  const { action } = await created.json();
  expect(action).toMatchObject({
    poolId: RISKY.poolId,
    kind: "drain",
    count: RISKY.count,
    state: "awaiting_approval",
    requestedBy: "demo-operator",
  });
  expect(action.approvalReasons.join(" ")).toMatch(/above 25 %/);

  // The operator cannot approve it, and nothing runs meanwhile.
  const selfApproval = await page.request.post(`/api/actions/${action.id}/approve`, {
    data: { paramsHash: action.requestHash },
    headers: sameOrigin,
  });
  expect(selfApproval.status()).toBe(403);
  expect((await (await page.request.get(`/api/actions/${action.id}`)).json()).action.state).toBe("awaiting_approval");
  expect(
    await queryDb(`SELECT count(*)::int AS n FROM "SimulatedProviderCall" WHERE "poolId" = $1`, [RISKY.poolId]),
  ).toEqual([{ n: 0 }]);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin");
  const approved = await admin.request.post(`/api/actions/${action.id}/approve`, {
    data: { paramsHash: action.requestHash },
    headers: sameOrigin,
  });
  expect(approved.status(), await approved.text()).toBe(200);
  expect((await approved.json()).action.approvals).toEqual([expect.objectContaining({ approvedBy: "demo-admin" })]);
  const after = (await (await admin.request.get(`/api/actions/${action.id}`)).json()).action;
  expect(["pending", "running", "succeeded"]).toContain(after.state);
  expect(
    await queryDb(`SELECT "approvedBy", "paramsHash" FROM "ActionApproval" WHERE "actionId" = $1`, [action.id]),
  ).toEqual([{ approvedBy: "demo-admin", paramsHash: action.requestHash }]);
  // Both attempts are on record against the action: the operator's refused self-approval, then the admin's.
  expect(
    await queryDb(
      `SELECT actor, outcome FROM "AuditEvent" WHERE action = 'action.approve' AND params->>'actionId' = $1 ORDER BY id`,
      [action.id],
    ),
  ).toEqual([
    { actor: "demo-operator", outcome: "refused" },
    { actor: "demo-admin", outcome: "succeeded" },
  ]);
  await adminContext.close();
});

test("the audit page lists the refused attempt and filters by outcome", async ({ page }) => {
  await signInAs(page, "viewer");
  await requestDrain(page, VIEWER_POOL, 2, newKey());
  // Filtered to requests: the viewer's identical refusals within a minute share one row (its count
  // grows), so that row can be older than the other refusals the viewer collected meanwhile.
  await page.goto(`/audit?actor=demo-viewer&action=pool.action.request&outcome=refused&range=24h`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const rows = page.getByTestId("audit-table").locator("tbody tr");
  await expect(rows.first()).toContainText("pool.action.request");
  await expect(rows.first()).toContainText(VIEWER_POOL);
  await expect(
    page.getByTestId("audit-table").locator('[data-field="outcome"]').filter({ hasNotText: "refused" }),
  ).toHaveCount(0);
  const csv = await page.request.get(
    `/api/audit/export?actor=demo-viewer&action=pool.action.request&outcome=refused&range=24h`,
  );
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await csv.text()).split("\r\n")[1]).toMatch(
    /,demo-viewer,viewer,pool\.action\.request,rank-embed-v4-usw2-m7g-a,,refused,/,
  );

  await page.goto(`/audit?range=custom&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z`);
  await expect(page.getByRole("alert").filter({ hasText: "These filters are invalid" })).toContainText(
    "from must be before to",
  );
  expect(
    (await page.request.get(`/api/audit?range=custom&from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`)).status(),
  ).toBe(400);
});
