import { Clock } from "@/components/pool-actions/step-time";
import { STEP_LABELS } from "@/components/pool-actions/action-progress";
import type { PoolActionDto } from "@/lib/fleet/actions/action-dto";

/** Shown to everyone on the pool page, viewers included: an action is under way on this pool. */
export function ActionRunningBanner({ action }: { action: PoolActionDto }) {
  const index = action.steps.findIndex((s) => s.state === "running" || s.state === "pending");
  const step = index >= 0 ? action.steps[index] : undefined;
  const state =
    action.state === "awaiting_approval" ? "awaiting approval" : action.cancelRequested ? "cancelling" : action.state;
  return (
    <div className="banner warn" role="status" data-testid="action-running-banner" data-action-state={action.state}>
      <strong>
        {action.kind === "launch" ? "Launch" : "Drain"} of {action.count} instance{action.count === 1 ? "" : "s"}{" "}
        {state}
      </strong>{" "}
      on this pool, requested by {action.requestedBy} at <Clock iso={action.createdAt} /> UTC
      {step && action.state === "running" && (
        <>
          {" "}
          · step {index + 1} of {action.steps.length}: {STEP_LABELS[step.name]}
        </>
      )}
      . Figures below refresh as it progresses.
    </div>
  );
}
