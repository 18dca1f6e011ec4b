import { z } from "zod";

// A commitment's plan: how much of it should be burned by an instant, from the yearly amounts the
// fleet config declares (yearlyPlanUsd). Defined before it is computed (README "Commitment burn"):
//  - a declared year y plans yearlyPlanUsd[y], spread evenly over the part of year y (UTC calendar
//    year) that lies inside the term [startAt, endAt);
//  - the rest of the commitment, totalUsd − Σ declared, is spread evenly over the term's time in
//    undeclared years (all of the term when nothing is declared: the linear plan);
//  - plan(t) = the declared years' amounts × the elapsed share of each year's part of the term, plus
//    the rest × the elapsed share of the undeclared time. plan(startAt) = 0; plan(endAt) = totalUsd,
//    or Σ declared when every year is declared (the config refuses Σ declared > totalUsd).

/** The persisted yearlyPlanUsd column (Commitment.yearlyPlanUsd): UTC year → planned dollars. */
export const ZYearlyPlanUsd = z.record(z.string().regex(/^\d{4}$/), z.number().nonnegative());
export type TYearlyPlanUsd = z.infer<typeof ZYearlyPlanUsd>;

export type CommitmentTerm = {
  totalUsd: number;
  startAt: Date;
  endAt: Date;
  yearlyPlanUsd: TYearlyPlanUsd | null;
};

type Segment = { from: number; to: number; usd: number };

/** The term cut into UTC calendar years; each piece carries the dollars planned for it. */
function planSegments(term: CommitmentTerm): Segment[] {
  const start = term.startAt.getTime();
  const end = term.endAt.getTime();
  const declared = term.yearlyPlanUsd ?? {};
  const pieces: { from: number; to: number; declaredUsd: number | null }[] = [];
  for (let year = term.startAt.getUTCFullYear(); Date.UTC(year, 0, 1) < end; year++) {
    const from = Math.max(start, Date.UTC(year, 0, 1));
    const to = Math.min(end, Date.UTC(year + 1, 0, 1));
    if (to > from) pieces.push({ from, to, declaredUsd: declared[String(year)] ?? null });
  }
  const declaredTotal = pieces.reduce((a, p) => a + (p.declaredUsd ?? 0), 0);
  const undeclaredMs = pieces.reduce((a, p) => a + (p.declaredUsd === null ? p.to - p.from : 0), 0);
  const restUsd = Math.max(0, term.totalUsd - declaredTotal);
  return pieces.map((p) => ({
    from: p.from,
    to: p.to,
    usd: p.declaredUsd ?? (undeclaredMs > 0 ? (restUsd * (p.to - p.from)) / undeclaredMs : 0),
  }));
}

/** Planned cumulative burn at instant t (clamped to the term). */
export function planAt(term: CommitmentTerm, t: Date | number): number {
  const ms = typeof t === "number" ? t : t.getTime();
  let usd = 0;
  for (const s of planSegments(term)) {
    if (ms >= s.to) usd += s.usd;
    else if (ms > s.from) usd += (s.usd * (ms - s.from)) / (s.to - s.from);
  }
  return usd;
}

/** The instants where the plan's slope changes (year boundaries inside the term, and its ends). */
export function planBreaks(term: CommitmentTerm): number[] {
  const segments = planSegments(term);
  return [...segments.map((s) => s.from), ...(segments.length ? [segments.at(-1)!.to] : [])];
}
