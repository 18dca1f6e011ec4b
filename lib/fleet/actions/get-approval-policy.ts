import "server-only";
import { stat } from "node:fs/promises";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadFleetConfig } from "@/lib/inventory/fleet-config/load-fleet-config";
import { EMPTY_APPROVAL_POLICY, resolveApprovalRule, type ApprovalRule, type TApprovalPolicy } from "./approval-policy";

// The file is read again only when its path or modification time changes: the preview, the
// request, the approval and the worker's re-check all judge by the policy as the file says now.
let cached: { key: string; policy: TApprovalPolicy } | null = null;

/** The approval policy of the fleet config file (FLEET_CONFIG_FILE); the built-in one without a file. */
export async function getApprovalPolicy(): Promise<TApprovalPolicy> {
  const path = getConfig().FLEET_CONFIG_FILE;
  if (!path) return EMPTY_APPROVAL_POLICY;
  const key = `${path}@${(await stat(path).catch(() => null))?.mtimeMs ?? "missing"}`;
  if (cached?.key === key) return cached.policy;
  // A broken file throws FleetConfigError (a 500 that names each problem), never a silent default.
  const policy = (await loadFleetConfig({ path })).approvalPolicy;
  cached = { key, policy };
  return policy;
}

/** The approval rule for one pool (its chip family's and its own rules over the default). */
export async function getPoolApprovalRule(poolId: string): Promise<ApprovalRule> {
  const pool = await getPrisma().pool.findUnique({ where: { id: poolId }, select: { id: true, chipFamily: true } });
  if (!pool) throw new AppError("NOT_FOUND", `no pool ${poolId.slice(0, 100)}`);
  return resolveApprovalRule(await getApprovalPolicy(), pool);
}
