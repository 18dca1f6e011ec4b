import type { ActionAnnotation } from "@/lib/pools/action-annotations";
import { ActionStateBadge } from "../action-state-badge";
import { fmtUtc } from "../format";

// The actions shaded on the charts above, in words: readable without hovering, and by screen readers.
export function AnnotationList({ annotations }: { annotations: ActionAnnotation[] }) {
  if (annotations.length === 0) return null;
  return (
    <ul
      className="small"
      style={{ listStyle: "none", padding: 0, margin: "4px 0 0" }}
      data-testid="chart-annotations"
      aria-label="Pool actions shown on the charts"
    >
      {annotations.map(({ id, action }) => (
        <li key={id} data-action-id={id} data-pool={action.poolId}>
          <span className="swatch" style={{ background: "var(--accent)", opacity: 0.5 }} /> {action.kind} {action.count}{" "}
          on {action.poolId}: {action.startedAt ? fmtUtc(action.startedAt) : "—"} →{" "}
          {action.finishedAt ? fmtUtc(action.finishedAt) : "still running"} <ActionStateBadge state={action.state} />
        </li>
      ))}
    </ul>
  );
}
