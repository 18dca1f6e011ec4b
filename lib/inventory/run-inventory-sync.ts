import "server-only";
import { z } from "zod";
import { parseInput } from "@/lib/parse-input";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionUser } from "@/lib/auth/roles";
import { LOCKS, runExclusive } from "@/lib/db/run-exclusive";
import { AppError } from "@/lib/errors";
import { getInventorySource } from "./get-inventory-source";
import { syncInventory, type InventorySyncResult } from "./sync/sync-inventory";

/** A sync now, under the advisory lock replicas share; undefined when one is already running. */
export async function runInventorySync(trigger: string): Promise<InventorySyncResult | undefined> {
  return runExclusive(LOCKS.inventorySync, () => syncInventory({ source: getInventorySource(), trigger }));
}

/** A sync request has no parameters: anything in the body is a mistake worth a 400. */
export const ZInventorySyncRequest = z.strictObject({});

/** An admin's "sync now": 409 while another sync runs; audited with what it found. */
export async function requestInventorySync(args: {
  user: SessionUser;
  body: unknown;
  meta: { sourceIp: string | null; userAgent: string | null };
}) {
  parseInput(ZInventorySyncRequest, args.body ?? {});
  const result = await runInventorySync(`admin:${args.user.id}`);
  if (!result) throw new AppError("CONFLICT", "An inventory sync is already running: try again when it ends");
  const summary = {
    runId: result.runId,
    changes: result.changes.length,
    problems: result.problems.length,
    apiCalls: result.apiCalls,
    durationMs: result.durationMs,
    failedScopes: result.failedScopes,
    error: result.error,
  };
  await recordAuditEvent({
    actor: args.user.id,
    actorRole: args.user.role,
    action: "inventory.sync",
    params: { ...summary, failedScopes: summary.failedScopes },
    outcome: result.error ? "failed" : "succeeded",
    message: result.error,
    ...args.meta,
  });
  return summary;
}
