// Pool actions (launch/drain, from listPoolActions) as shaded spans on time-series charts. Pure and
// client-safe: the pool and model pages recompute them whenever the actions query refetches.
export type AnnotatedAction = {
  id: string;
  poolId: string;
  kind: "launch" | "drain";
  count: number;
  state: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type ActionAnnotation = { id: string; from: string; to: string; label: string; action: AnnotatedAction };

/**
 * Spans for the actions that ran within a chart's points, clipped to them (recharts drops areas
 * outside the axis domain). A still-running action runs to `now`. An action shorter than one bucket
 * is widened to one so that it stays visible.
 */
export function actionAnnotations(args: {
  actions: AnnotatedAction[];
  points: Array<{ t: string }>;
  stepSeconds: number;
  now: string;
  showPool: boolean;
}): ActionAnnotation[] {
  const { points } = args;
  if (points.length === 0) return [];
  const first = Date.parse(points[0]!.t);
  const last = Date.parse(points[points.length - 1]!.t);
  const bucketEnd = last + args.stepSeconds * 1000;
  const minWidth = Math.min(args.stepSeconds * 1000, last - first);
  const clamp = (t: number) => Math.min(last, Math.max(first, t));
  const result: ActionAnnotation[] = [];
  for (const action of args.actions) {
    if (!action.startedAt) continue; // never ran: nothing happened to the fleet
    const start = Date.parse(action.startedAt);
    const end = Date.parse(action.finishedAt ?? args.now);
    if (end < first || start >= bucketEnd) continue;
    let from = clamp(start);
    let to = clamp(end);
    if (to - from < minWidth) {
      to = Math.min(last, from + minWidth);
      from = Math.max(first, to - minWidth);
    }
    const label = `${action.kind} ${action.count}${args.showPool ? ` · ${action.poolId}` : ""}`;
    result.push({ id: action.id, from: new Date(from).toISOString(), to: new Date(to).toISOString(), label, action });
  }
  return result;
}
