import type { TActionStepDto } from "./action-dto";

// Where each instance a drain chose stands, read from its steps' saved details (pure, client-safe).
// Later steps win: given back (uncordoned) > terminated > terminating > its pods (evicting N / pods
// gone) > cordoned > chosen.

export type DrainInstanceState =
  | { kind: "chosen" }
  | { kind: "cordoning" }
  | { kind: "cordoned"; byHand: boolean }
  | { kind: "evicting"; pods: number; blocked: number }
  | { kind: "pods-gone" }
  | { kind: "terminating" }
  | { kind: "terminated" }
  | { kind: "uncordoned" }
  | { kind: "node-gone" };

export type DrainInstanceProgress = { instanceId: string; nodeName: string | null; state: DrainInstanceState };

type StepOf<N extends TActionStepDto["name"]> = Extract<TActionStepDto, { name: N }>;
const find = <N extends TActionStepDto["name"]>(steps: TActionStepDto[], name: N) =>
  steps.find((s): s is StepOf<N> => s.name === name);

export function drainInstanceProgress(steps: TActionStepDto[]): DrainInstanceProgress[] {
  const chosen = find(steps, "select-instances")?.detail?.instances ?? [];
  const cordon = find(steps, "cordon-nodes")?.detail;
  const evict = find(steps, "evict-pods");
  const waitPods = find(steps, "wait-for-pods");
  const terminate = find(steps, "terminate-instances");
  const waitTermination = find(steps, "wait-for-termination");
  const uncordoned = new Set(find(steps, "uncordon-nodes")?.detail?.uncordoned ?? []);
  const terminateAsked = new Set(terminate?.detail?.terminated ?? []);
  const left = waitTermination?.detail?.left;

  return chosen.map(({ instanceId, nodeName }) => {
    const node = nodeName ?? "";
    const state = ((): DrainInstanceState => {
      if (nodeName && uncordoned.has(nodeName)) return { kind: "uncordoned" };
      if (waitTermination?.state === "succeeded" || (left && !left.includes(instanceId))) return { kind: "terminated" };
      if (terminateAsked.has(instanceId)) return { kind: "terminating" };
      if (nodeName) {
        const waiting = waitPods?.detail?.nodes?.find((n) => n.node === node);
        if (waiting)
          return waiting.remaining === 0
            ? { kind: "pods-gone" }
            : { kind: "evicting", pods: waiting.remaining, blocked: 0 };
        const evicting = evict?.detail?.nodes?.find((n) => n.node === node);
        if (evicting) return { kind: "evicting", pods: evicting.pods, blocked: evicting.blocked };
        if (cordon?.cordoned?.includes(node)) return { kind: "cordoned", byHand: false };
        if (cordon?.alreadyCordoned?.includes(node)) return { kind: "cordoned", byHand: true };
        if (cordon?.gone?.includes(node)) return { kind: "node-gone" };
        if (cordon?.cordoning === node) return { kind: "cordoning" };
      }
      return { kind: "chosen" };
    })();
    return { instanceId, nodeName, state };
  });
}

export function describeDrainState(s: DrainInstanceState): string {
  switch (s.kind) {
    case "chosen":
      return "chosen";
    case "cordoning":
      return "cordoning";
    case "cordoned":
      return s.byHand ? "cordoned (before the drain, stays cordoned)" : "cordoned";
    case "evicting":
      return `evicting ${s.pods} pod${s.pods === 1 ? "" : "s"}${s.blocked ? ` (${s.blocked} blocked by a PodDisruptionBudget)` : ""}`;
    case "pods-gone":
      return "pods gone";
    case "terminating":
      return "terminating";
    case "terminated":
      return "terminated";
    case "uncordoned":
      return "given back (uncordoned)";
    case "node-gone":
      return "node gone";
  }
}
