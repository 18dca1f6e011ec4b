import "server-only";
import { getPrisma } from "@/lib/db";
import { ZInventoryProblems, type TInventoryProblem } from "./inventory-dto";

/** The problems the latest sync that could read its source found (a failed run keeps the previous list). */
export async function listInventoryProblems(): Promise<TInventoryProblem[]> {
  const run = await getPrisma().inventorySyncRun.findFirst({
    where: { error: null },
    orderBy: { id: "desc" },
    select: { problems: true },
  });
  return run ? ZInventoryProblems.parse(run.problems) : [];
}
