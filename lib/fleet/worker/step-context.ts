// What a step executor is given and gives back. Shared by step-executors.ts and
// uncordon-nodes-step.ts, so neither imports the other for it.
import type { FleetProvider, PoolTarget } from "../provider";
import type { StepDetail, StepDetails } from "./step-details";
import type { StepName } from "./step-plan";

export type StepContext<N extends StepName = StepName> = {
  action: { id: string; kind: "launch" | "drain"; count: number };
  target: PoolTarget;
  provider: FleetProvider;
  /** The step's saved detail from earlier attempts (null on the first). */
  detail: StepDetail<N> | null;
  /** Details of the action's earlier, completed steps, by name. */
  earlier: Partial<StepDetails>;
  /** Persists the detail before a provider call, so a crash after the call knows it was made. */
  saveDetail: (detail: StepDetail<N>) => Promise<void>;
  attempts: number;
  stepStartedAt: Date;
  /** Boot times (seconds) of the pool's earlier launches (observed-boot-seconds.ts), read when asked. */
  observedBootSeconds: () => Promise<number[]>;
};

export type StepOutcome<N extends StepName = StepName> =
  { done: true; detail: StepDetail<N> } | { done: false; detail: StepDetail<N>; retryInSeconds: number };

export type StepExecutor<N extends StepName> = (ctx: StepContext<N>) => Promise<StepOutcome<N>>;
