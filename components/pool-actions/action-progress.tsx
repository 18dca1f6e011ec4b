"use client";
import { isActiveState, type PoolActionDto, type TActionStepDto } from "@/lib/fleet/actions/action-dto";
import { fmtUtc } from "../format";

const STATE_BADGE: Record<string, string> = {
  succeeded: "ok",
  failed: "bad",
  cancelled: "warn",
  running: "warn",
  pending: "",
  awaiting_approval: "warn",
};

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
      if (step.detail?.target !== undefined) parts.push(`target ${step.detail.target}`);
      if (step.detail?.inService !== undefined) parts.push(`${step.detail.inService} in service`);
      break;
    case "select-instances":
      if (step.detail?.instances) parts.push(`${step.detail.instances.length} instance(s) chosen`);
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
            <span className={`badge ${STATE_BADGE[s.state] ?? ""}`}>{s.state}</span> {s.name}
            {s.attempts > 1 && <span className="muted"> ({s.attempts} attempts)</span>}{" "}
            <span className="muted">{stepSummary(s)}</span>
            {s.finishedAt && <span className="muted"> · {fmtUtc(s.finishedAt)}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
