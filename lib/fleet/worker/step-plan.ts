// The steps of each action kind, in order. A step is the unit the worker records: it runs once to
// completion (or is retried after a crash, with provider calls that are safe to repeat).
export const STEP_PLANS = {
  launch: ["set-desired-capacity", "wait-for-instances"],
  drain: ["select-instances", "cordon-nodes", "evict-pods", "wait-for-pods", "terminate-instances", "wait-for-termination"],
} as const;

export type StepName = (typeof STEP_PLANS)[keyof typeof STEP_PLANS][number];
