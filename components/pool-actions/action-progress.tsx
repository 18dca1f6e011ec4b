"use client";
import { isActiveState, type PoolActionDto, type TActionStepDto } from "@/lib/fleet/actions/action-dto";
import { DrainInstances } from "./drain-instances";
import { LaunchInstances } from "./launch-instances";
import { Clock, StepTimes } from "./step-time";

const STATE_BADGE: Record<string, string> = {
  succeeded: "ok",
  failed: "bad",
  cancelled: "warn",
  running: "warn",
  pending: "",
  skipped: "",
  awaiting_approval: "warn",
};

/** What each step does, in the words of the progress list. */
export const STEP_LABELS: Record<TActionStepDto["name"], string> = {
  "set-desired-capacity": "Set desired capacity",
  "wait-for-instances": "Wait for the instances to boot",
  "select-instances": "Choose instances",
  "cordon-nodes": "Cordon nodes",
  "evict-pods": "Evict pods",
  "wait-for-pods": "Wait for pods to leave",
  "terminate-instances": "Terminate instances",
  "wait-for-termination": "Wait for termination",
  "uncordon-nodes": "Give nodes back (uncordon)",
};

/** Steps that poll: their attempts are polls, not retries, and say nothing to a reader. */
const POLLING_STEPS = new Set<TActionStepDto["name"]>(["wait-for-instances", "wait-for-pods", "wait-for-termination"]);

/** One line per step with what it did so far: nodes cordoned (or found cordoned by someone else), pods evicted or blocked (and by which PDB), nodes given back. */
function stepSummary(step: TActionStepDto): string {
  const parts = step.detail ? stepParts(step) : [];
  if (step.detail?.error !== undefined) parts.push(`error: ${step.detail.error}`);
  return parts.join(" · ");
}

function stepParts(step: TActionStepDto): string[] {
  const parts: string[] = [];
  switch (step.name) {
    case "set-desired-capacity":
      if (step.detail?.target !== undefined) parts.push(`target ${step.detail.target}`);
      break;
    case "wait-for-instances":
      // With per-instance progress the table below says it all; older actions keep their counts.
      if (!step.detail?.instances) {
        if (step.detail?.target !== undefined) parts.push(`target ${step.detail.target}`);
        if (step.detail?.inService !== undefined) parts.push(`${step.detail.inService} in service`);
      }
      break;
    case "select-instances":
      if (step.detail?.instances)
        parts.push(
          `${step.detail.instances.length} chosen: ${step.detail.instances.map((i) => i.nodeName ?? i.instanceId).join(", ")}`,
        );
      break;
    case "cordon-nodes": {
      const d = step.detail ?? {};
      if (d.cordoned) parts.push(`${d.cordoned.length} node(s) cordoned`);
      if (d.alreadyCordoned?.length)
        parts.push(
          `${d.alreadyCordoned.length} node(s) already cordoned before the drain, left cordoned: ${d.alreadyCordoned.join(", ")}`,
        );
      if (d.gone?.length) parts.push(`${d.gone.length} node(s) gone`);
      if (d.skipped !== undefined) parts.push(d.skipped);
      break;
    }
    case "evict-pods": {
      const d = step.detail ?? {};
      if (d.evicted) parts.push(`${d.evicted.length} pod(s) evicted`);
      if (d.skippedDaemonSet) parts.push(`${d.skippedDaemonSet} DaemonSet pod(s) skipped`);
      if (d.blocked?.length)
        parts.push(
          `${d.blocked.length} blocked: ${d.blocked.map((x) => `${x.pod} by ${x.pdbName ?? "a PDB"}`).join(", ")}`,
        );
      if (d.skipped !== undefined) parts.push(d.skipped);
      break;
    }
    case "wait-for-pods":
      if (step.detail?.remaining) parts.push(`${step.detail.remaining.length} pod(s) still terminating`);
      break;
    case "terminate-instances":
      if (step.detail?.terminated) parts.push(`${step.detail.terminated.length} instance(s) terminated`);
      break;
    case "wait-for-termination":
      break;
    case "uncordon-nodes": {
      const d = step.detail ?? {};
      if (d.uncordoned) parts.push(`${d.uncordoned.length} node(s) uncordoned`);
      if (d.skipped?.length)
        parts.push(`${d.skipped.length} skipped: ${d.skipped.map((x) => `${x.node} (${x.reason})`).join(", ")}`);
      break;
    }
  }
  return parts;
}

export function ActionProgress({
  action,
  onCancel,
  cancelling,
}: {
  action: PoolActionDto;
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  return (
    <div data-testid="action-progress" data-action-id={action.id} data-state={action.state}>
      <p>
        <strong>
          {action.kind === "launch" ? "Launch" : "Drain"} {action.count}
        </strong>{" "}
        by {action.requestedBy}: “{action.reason}” ·{" "}
        <span className="muted small">
          requested <Clock iso={action.createdAt} />
          {action.startedAt && (
            <>
              , started <Clock iso={action.startedAt} />
            </>
          )}
          {action.finishedAt && (
            <>
              , ended <Clock iso={action.finishedAt} />
            </>
          )}{" "}
          UTC ·{" "}
        </span>
        <span className={`badge ${STATE_BADGE[action.state] ?? ""}`} data-testid="action-state">
          {action.state.replace("_", " ")}
        </span>
        {action.cancelRequested && action.state === "running" && <span className="muted"> (cancelling)</span>}
        {onCancel && isActiveState(action.state) && !action.cancelRequested && (
          <button type="button" onClick={onCancel} disabled={cancelling} style={{ marginLeft: 8 }}>
            Cancel
          </button>
        )}
      </p>
      {action.error && (
        <p className="bad-text" role="alert">
          {action.error}
        </p>
      )}
      <ol className="small">
        {action.steps.map((s) => (
          <li key={s.seq} data-step={s.name} data-step-state={s.state}>
            <span className={`badge ${STATE_BADGE[s.state] ?? ""}`}>{s.state}</span> {STEP_LABELS[s.name]}
            {s.attempts > 1 && !POLLING_STEPS.has(s.name) && (
              <span className="muted"> ({s.attempts} attempts)</span>
            )}{" "}
            <span className="muted">{stepSummary(s)}</span>
            <StepTimes startedAt={s.startedAt} finishedAt={s.finishedAt} />
            {s.name === "wait-for-instances" && s.detail && <LaunchInstances detail={s.detail} />}
          </li>
        ))}
      </ol>
      {action.kind === "drain" && <DrainInstances steps={action.steps} />}
    </div>
  );
}
