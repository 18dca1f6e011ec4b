import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./e2e-env";
import { signInAs } from "./sign-in";

// Issue 17 items 4–6: an admin finds a pending approval where they look (the nav count, Needs
// attention, the inbox), sees the preview the requester saw, and approves or rejects it with a
// comment; the requester reads the outcome; an operator adds on-demand capacity alone under the
// built-in approval policy; a viewer follows actions on the shareable actions page.
// Pools used by no other spec.
const APPROVE = { poolId: "rank-embed-v4-use1-m7g-a", count: 15 }; // 15 of 50: 30 %, above 25 %
const REJECT = { poolId: "guard-2b-safety-usw2-c7g-a", count: 15 }; // 15 of 48: 31 %
const LAUNCH = "iris-vl-7b-use1-c8g-a"; // 40 c8g in service, no reservation: 2 more = +$5.10/h
const sameOrigin = { origin: E2E.baseUrl };
const newKey = () => `e2e-approvals-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

async function request(page: Page, poolId: string, body: Record<string, unknown>) {
  const response = await page.request.post(`/api/pools/${poolId}/actions`, {
    // The predicted p95 follows the simulated day's load: the SLO override is given up front.
    data: { reason: "e2e: approvals inbox", confirmPoolName: poolId, ...body },
    headers: { ...sameOrigin, "idempotency-key": newKey() },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).action as { id: string; state: string; approvalReasons: string[] };
}

test("an admin sees a pending approval in the nav and Needs attention, reviews the preview from the inbox and approves it with a comment", async ({
  page,
  browser,
}) => {
  await signInAs(page, "operator");
  const action = await request(page, APPROVE.poolId, {
    kind: "drain",
    count: APPROVE.count,
    overrides: { sloRisk: "e2e: accepted for the approvals test" },
  });
  expect(action.state).toBe("awaiting_approval");

  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin");
  await expect(
    admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Approvals \(\d+\)/ }),
  ).toBeVisible();
  const item = admin
    .getByTestId("needs-attention")
    .locator(`li[data-kind="approval_pending"][data-pool="${APPROVE.poolId}"]`);
  await expect(item).toContainText(`drain ${APPROVE.count} on ${APPROVE.poolId} by demo-operator`);

  await admin.goto("/approvals");
  const row = admin.getByTestId("approvals-table").locator(`tr[data-action-id="${action.id}"]`);
  await expect(row).toContainText("above 25 %");
  // 15 fewer m7g.8xlarge at $1.31/h, no reservation.
  await expect(row).toContainText("-$19.65/h");
  await row.getByRole("link", { name: "Review" }).click();

  await expect(admin).toHaveURL(new RegExp(`/actions/${action.id}$`));
  const preview = admin.getByTestId("stored-preview");
  await expect(preview.getByTestId("action-preview")).toContainText(`50 → 35`);
  await expect(preview.getByTestId("chosen-instances").locator("li")).toHaveCount(APPROVE.count);
  await expect(admin.getByTestId("approval-reasons")).toContainText("above 25 %");
  await admin.getByLabel(/Comment/).fill("ok: traffic moved to us-west-2");
  await admin.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByTestId("approval")).toContainText("approved by demo-admin");
  await expect(admin.getByTestId("approval")).toContainText("ok: traffic moved to us-west-2");

  // The requester reads the outcome and the comment.
  await page.goto(`/actions/${action.id}`);
  await expect(page.getByTestId("approval")).toContainText("ok: traffic moved to us-west-2");
});

test("an admin rejects with a required comment; the requester sees it and the action never runs", async ({
  page,
  browser,
}) => {
  await signInAs(page, "operator");
  const action = await request(page, REJECT.poolId, {
    kind: "drain",
    count: REJECT.count,
    overrides: { sloRisk: "e2e: accepted for the approvals test" },
  });
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin-2");
  await admin.goto(`/actions/${action.id}`);
  const reject = admin.getByRole("button", { name: "Reject" });
  await expect(reject).toBeDisabled();
  await admin.getByLabel(/Comment/).fill("not during the EU peak");
  await reject.click();
  await expect(admin.getByTestId("rejection")).toContainText("rejected by demo-admin-2");
  await expect(admin.getByTestId("action-detail")).toHaveAttribute("data-state", "rejected");

  await page.goto(`/actions/${action.id}`);
  await expect(page.getByTestId("rejection")).toContainText("not during the EU peak");
  await page.goto(`/pools/${REJECT.poolId}`);
  await expect(page.getByRole("region", { name: "Pool operations" }).getByTestId("rejection")).toContainText(
    "not during the EU peak",
  );
});

test("an operator adds on-demand capacity alone under the default policy", async ({ page }) => {
  await signInAs(page, "operator");
  const preview = await page.request.post(`/api/pools/${LAUNCH}/actions/preview`, {
    data: { kind: "launch", count: 2 },
    headers: sameOrigin,
  });
  expect(preview.status()).toBe(200);
  const { guardrails } = await preview.json();
  expect(guardrails.overridesRequired).toEqual([]);
  expect(guardrails.approvalReasons).toEqual([]);
  expect(guardrails.allowedAlone.join(" ")).toMatch(/within what an operator may add alone/);
  const action = await request(page, LAUNCH, { kind: "launch", count: 2 });
  expect(action.state).toBe("pending");
  expect(action.approvalReasons).toEqual([]);
});

// Runs after the rejection above (one worker, in file order): its rejected drain is what it filters for.
test("a viewer reads the actions page, filters it through the URL and opens an action", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto(`/actions?kind=drain&pool=${REJECT.poolId}`);
  const table = page.getByTestId("actions-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await page.getByLabel("State").selectOption("rejected");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/state=rejected/);
  await expect(page).toHaveURL(new RegExp(`pool=${REJECT.poolId}`));
  await table.locator("tbody tr").first().getByRole("link", { name: "Open" }).click();
  await expect(page.getByTestId("action-detail")).toHaveAttribute("data-state", "rejected");
  // No decision controls for a viewer.
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
});
