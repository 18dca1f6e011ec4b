import "server-only";
import { ProviderError } from "../provider-error";
import type { StepContext, StepOutcome } from "./step-context";
import type { StepDetail } from "./step-details";

/**
 * The nodes a drain may have cordoned, from its cordon-nodes detail: those it made unschedulable,
 * plus the one whose cordon call was in flight when the step stopped (it may have taken effect).
 * Nodes it found already cordoned (`alreadyCordoned`) or gone are not its to give back.
 */
export function cordonedNodesOf(cordonDetail: StepDetail<"cordon-nodes"> | null | undefined): string[] {
  const d = cordonDetail ?? {};
  const nodes = [...(d.cordoned ?? [])];
  if (d.cordoning && !nodes.includes(d.cordoning)) nodes.push(d.cordoning);
  return nodes;
}

/**
 * The uncordon-nodes compensation step: gives back the cordoned nodes whose instances are still in
 * the pool. Nodes of instances already terminating or gone are skipped (nothing to give back). A
 * node that cannot be uncordoned does not stop the others; the step then fails with all of them
 * named, and the action still ends, never retried in a loop.
 */
export async function runUncordonNodesStep(ctx: StepContext<"uncordon-nodes">): Promise<StepOutcome<"uncordon-nodes">> {
  const chosen = ctx.earlier["select-instances"]?.instances ?? [];
  const { instances } = await ctx.provider.describePool(ctx.target);
  const lifecycleOf = new Map(instances.map((i) => [i.instanceId, i.lifecycle]));
  // Saved after each call: a successor resuming after a crash skips the nodes already given back.
  const uncordoned = [...(ctx.detail?.uncordoned ?? [])];
  const skipped: Array<{ node: string; reason: string }> = [];
  const failed: Array<{ node: string; error: string }> = [];
  for (const node of cordonedNodesOf(ctx.earlier["cordon-nodes"])) {
    if (uncordoned.includes(node)) continue;
    const instanceId = chosen.find((i) => i.nodeName === node)?.instanceId;
    const lifecycle = instanceId ? lifecycleOf.get(instanceId) : undefined;
    if (lifecycle !== "in_service" && lifecycle !== "pending") {
      skipped.push({ node, reason: `instance ${instanceId} ${lifecycle ?? "no longer in the pool"}` });
      continue;
    }
    try {
      if ((await ctx.provider.uncordonNode(ctx.target, node)) === "gone")
        skipped.push({ node, reason: "node no longer exists" });
      else uncordoned.push(node);
    } catch (err) {
      failed.push({ node, error: err instanceof Error ? err.message : String(err) });
    }
    await ctx.saveDetail({ uncordoned, skipped, failed });
  }
  if (failed.length > 0)
    throw new ProviderError(
      "UncordonFailed",
      `${failed.length} node(s) left cordoned: ${failed.map((f) => `${f.node} (${f.error})`).join(", ")}`,
    );
  return { done: true, detail: { uncordoned, skipped, failed } };
}
