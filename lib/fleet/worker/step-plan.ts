// The steps of each action kind, in order. A step is the unit the worker records: it runs once to
// completion (or is retried after a crash, with provider calls that are safe to repeat).
export const STEP_PLANS = {
  launch: ["set-desired-capacity", "wait-for-instances"],
  drain: [
    "select-instances",
    "cordon-nodes",
    "evict-pods",
    "wait-for-pods",
    "terminate-instances",
    "wait-for-termination",
  ],
} as const;

/**
 * Not planned: appended to a drain that ends cancelled or failed after cordoning nodes, and run
 * before the action reaches that final state, so the nodes it did not remove take pods again.
 */
export const UNCORDON_STEP = "uncordon-nodes";

export type StepName = (typeof STEP_PLANS)[keyof typeof STEP_PLANS][number] | typeof UNCORDON_STEP;
