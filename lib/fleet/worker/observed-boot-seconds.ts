import "server-only";
import { getPrisma } from "@/lib/db";
import { bootSecondsOf } from "./launch-progress";
import { parseStepDetail } from "./step-details";

/** How many of a pool's latest launches the observed boot time is taken from. */
const LAUNCHES = 10;

/**
 * Boot times (seconds) of a pool's earlier launches, as their wait-for-instances steps recorded
 * them (launch-progress.ts defines a boot time); the current action is left out (its own
 * instances are counted from its detail as it polls).
 */
export async function loadObservedBootSeconds(args: { poolId: string; exceptActionId: string }): Promise<number[]> {
  const steps = await getPrisma().poolActionStep.findMany({
    where: {
      name: "wait-for-instances",
      action: { poolId: args.poolId, kind: "launch", id: { not: args.exceptActionId } },
    },
    orderBy: { action: { createdAt: "desc" } },
    take: LAUNCHES,
    select: { detail: true },
  });
  return steps.flatMap((s) =>
    (parseStepDetail("wait-for-instances", s.detail)?.instances ?? []).flatMap((i) => {
      const seconds = bootSecondsOf(i);
      return seconds === null ? [] : [seconds];
    }),
  );
}
