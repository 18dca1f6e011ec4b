"use client";
import type { PoolActionDto } from "@/lib/fleet/actions/action-dto";
import { fmtUtc } from "../format";

const STATE_BADGE: Record<string, string> = { succeeded: "ok", failed: "bad", cancelled: "warn", running: "warn", pending: "", awaiting_approval: "warn" };

/** One line per step with what it did so far: nodes cordoned (or found cordoned by someone else), pods evicted or blocked (and by which PDB), nodes given back. */
function stepSummary(detail: unknown): string {
  if (!detail || typeof detail !== "object") return "";
  const d = detail as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.target === "number") parts.push(`target ${d.target}`);
  if (typeof d.inService === "number") parts.push(`${d.inService} in service`);
  if (Array.isArray(d.instances)) parts.push(`${d.instances.length} instance(s) chosen`);
  if (Array.isArray(d.cordoned)) parts.push(`${d.cordoned.length} node(s) cordoned`);
  if (Array.isArray(d.alreadyCordoned) && d.alreadyCordoned.length) parts.push(`${d.alreadyCordoned.length} node(s) already cordoned before the drain, left cordoned: ${d.alreadyCordoned.join(", ")}`);
  if (Array.isArray(d.gone) && d.gone.length) parts.push(`${d.gone.length} node(s) gone`);
  if (Array.isArray(d.evicted)) parts.push(`${d.evicted.length} pod(s) evicted`);
  if (typeof d.skippedDaemonSet === "number" && d.skippedDaemonSet) parts.push(`${d.skippedDaemonSet} DaemonSet pod(s) skipped`);
  if (Array.isArray(d.blocked) && d.blocked.length) {
    const b = d.blocked as Array<{ pod: string; pdbName: string | null; message: string }>;
    parts.push(`${b.length} blocked: ${b.map((x) => `${x.pod} by ${x.pdbName ?? "a PDB"}`).join(", ")}`);
  }
  if (Array.isArray(d.remaining)) parts.push(`${d.remaining.length} pod(s) still terminating`);
  if (Array.isArray(d.terminated)) parts.push(`${d.terminated.length} instance(s) terminated`);
  if (Array.isArray(d.uncordoned)) parts.push(`${d.uncordoned.length} node(s) uncordoned`);
  if (typeof d.skipped === "string") parts.push(d.skipped);
  if (Array.isArray(d.skipped) && d.skipped.length) {
    const s = d.skipped as Array<{ node: string; reason: string }>;
    parts.push(`${s.length} skipped: ${s.map((x) => `${x.node} (${x.reason})`).join(", ")}`);
  }
  if (typeof d.error === "string") parts.push(`error: ${d.error}`);
  return parts.join(" · ");
}

export function ActionProgress({ action, onCancel, cancelling }: { action: PoolActionDto; onCancel?: () => void; cancelling?: boolean }) {
  return (
    <div data-testid="action-progress" data-action-id={action.id} data-state={action.state}>
      <p>
        <strong>{action.kind === "launch" ? "Launch" : "Drain"} {action.count}</strong> by {action.requestedBy}: “{action.reason}” ·{" "}
        <span className={`badge ${STATE_BADGE[action.state] ?? ""}`} data-testid="action-state">{action.state.replace("_", " ")}</span>
        {action.cancelRequested && action.state === "running" && <span className="muted"> (cancelling)</span>}
        {onCancel && ["awaiting_approval", "pending", "running"].includes(action.state) && !action.cancelRequested && (
          <button type="button" onClick={onCancel} disabled={cancelling} style={{ marginLeft: 8 }}>Cancel</button>
        )}
      </p>
      {action.error && <p className="bad-text" role="alert">{action.error}</p>}
      <ol className="small">
        {action.steps.map((s) => (
          <li key={s.seq} data-step={s.name} data-step-state={s.state}>
            <span className={`badge ${STATE_BADGE[s.state] ?? ""}`}>{s.state}</span> {s.name}
            {s.attempts > 1 && <span className="muted"> ({s.attempts} attempts)</span>} <span className="muted">{stepSummary(s.detail)}</span>
            {s.finishedAt && <span className="muted"> · {fmtUtc(s.finishedAt)}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
