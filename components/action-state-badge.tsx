// A pool action's state as a coloured badge.
const TONE: Record<string, string> = {
  succeeded: "ok",
  running: "warn",
  pending: "warn",
  awaiting_approval: "warn",
  failed: "bad",
  cancelled: "",
  rejected: "bad",
};

export function ActionStateBadge({ state }: { state: string }) {
  return <span className={`badge ${TONE[state] ?? ""}`}>{state.replace("_", " ")}</span>;
}
