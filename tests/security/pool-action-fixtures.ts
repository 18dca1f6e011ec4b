// Requests the security tests make over and over: a risky drain (awaiting approval) and an approval.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { POST as approvePOST } from "@/app/api/actions/[actionId]/approve/route";
import { POST as rejectPOST } from "@/app/api/actions/[actionId]/reject/route";
import { POST as createPOST } from "@/app/api/pools/[poolId]/actions/route";
import type { Role } from "@/lib/auth/roles";
import type { PoolActionDto } from "@/lib/fleet/actions/action-dto";
import { appRequest } from "../setup/auth";

/**
 * Seeded pools with no reservation (so no idle-reservation override is needed) and a drain of
 * ~30 % of them: above the 25 % two-person threshold, below the 50 % hard limit.
 */
export const RISKY_DRAINS = [
  { poolId: "rank-xl-ctr-use1-r8g-b", count: 18 }, // 60 instances
  { poolId: "rank-xl-ctr-use2-r8g-a", count: 12 }, // 40
  { poolId: "rank-xl-ctr-usw2-r8g-a", count: 20 }, // 64
  { poolId: "rank-embed-v4-use1-m7g-a", count: 15 }, // 50
  { poolId: "rank-embed-v4-usw2-m7g-a", count: 12 }, // 40
  { poolId: "guard-2b-safety-use1-c7g-a", count: 20 }, // 64
  { poolId: "guard-2b-safety-usw2-c7g-a", count: 15 }, // 48
  { poolId: "lumen-caption-3b-use1-c7g-a", count: 15 }, // 48
] as const;

export const idempotencyKey = () => `sec-${randomUUID()}`;

export function drainBody(poolId: string, count: number) {
  return { kind: "drain", count, reason: "security test: risky drain", confirmPoolName: poolId };
}

export async function requestRiskyDrain(args: {
  poolId: string;
  count: number;
  role?: Role;
  userId?: string;
  headers?: Record<string, string>;
}): Promise<PoolActionDto> {
  const response = await createPOST(
    appRequest(`/api/pools/${args.poolId}/actions`, {
      role: args.role ?? "operator",
      userId: args.userId,
      method: "POST",
      body: drainBody(args.poolId, args.count),
      headers: { "idempotency-key": idempotencyKey(), ...args.headers },
    }),
    { params: Promise.resolve({ poolId: args.poolId }) },
  );
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(201);
  expect(body.action.state).toBe("awaiting_approval");
  expect(body.action.approvalReasons.join(" ")).toMatch(/above 25 %/);
  return body.action as PoolActionDto;
}

export async function approve(args: {
  actionId: string;
  paramsHash: string;
  userId?: string;
  headers?: Record<string, string>;
  body?: unknown;
}) {
  const response = await approvePOST(
    appRequest(`/api/actions/${args.actionId}/approve`, {
      role: "admin",
      userId: args.userId,
      method: "POST",
      body: args.body ?? { paramsHash: args.paramsHash },
      headers: args.headers,
    }),
    { params: Promise.resolve({ actionId: args.actionId }) },
  );
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export async function reject(args: { actionId: string; body: unknown; userId?: string; role?: Role }) {
  const response = await rejectPOST(
    appRequest(`/api/actions/${args.actionId}/reject`, {
      role: args.role ?? "admin",
      userId: args.userId,
      method: "POST",
      body: args.body,
    }),
    { params: Promise.resolve({ actionId: args.actionId }) },
  );
  return { status: response.status, body: await response.json() };
}
