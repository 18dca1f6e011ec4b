import type { TActionStepDto } from "@/lib/fleet/actions/action-dto";
import { describeDrainState, drainInstanceProgress } from "@/lib/fleet/actions/drain-progress";

const BADGE: Record<string, string> = { terminated: "ok", uncordoned: "ok", evicting: "warn", terminating: "warn" };

/** The instances (and nodes) a drain chose and where each one stands. */
export function DrainInstances({ steps }: { steps: TActionStepDto[] }) {
  const rows = drainInstanceProgress(steps);
  if (rows.length === 0) return null;
  return (
    <table className="small" data-testid="drain-instances">
      <thead>
        <tr>
          <th>Instance</th>
          <th>Node</th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.instanceId} data-instance-id={r.instanceId} data-drain-state={r.state.kind}>
            <td>
              <code>{r.instanceId}</code>
            </td>
            <td>{r.nodeName ?? <span className="muted">no Kubernetes node</span>}</td>
            <td>
              <span className={`badge ${BADGE[r.state.kind] ?? ""}`}>{describeDrainState(r.state)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
