import "server-only";
import { getPrisma } from "@/lib/db";
import type { GuardrailSettings } from "./guardrail-settings";

/**
 * Instances the pool's drains requested within the guardrail window took or are taking: awaiting
 * approval, pending, running or succeeded (a failed or cancelled drain may have taken some too, but
 * its count says what was asked, not done: leaving it out errs on the side of the operator's intent).
 */
export async function countRecentDrains(args: {
  poolId: string;
  settings: GuardrailSettings;
  now?: Date;
  /** The action being re-checked: not an "earlier" drain of itself. */
  excludeActionId?: string;
}): Promise<number> {
  const since = new Date((args.now ?? new Date()).getTime() - args.settings.drainWindowHours * 3_600_000);
  const { _sum } = await getPrisma().poolAction.aggregate({
    where: {
      poolId: args.poolId,
      kind: "drain",
      ...(args.excludeActionId ? { id: { not: args.excludeActionId } } : {}),
      createdAt: { gte: since },
      state: { in: ["awaiting_approval", "pending", "running", "succeeded"] },
    },
    _sum: { count: true },
  });
  return _sum.count ?? 0;
}
