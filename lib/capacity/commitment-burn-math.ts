import { type CommitmentTerm, planAt, planBreaks } from "./commitment-plan";

// A commitment's burn from the bill, pure so it is tested against hand-computed cases. Every figure
// is defined here and in README "Commitment burn" before it is computed:
//  - a *history day* is a UTC day in the term up to the data end (asOf). A **billed day** (before
//    the bill's boundary, billedUntil) burns the bill's counted amount: Σ EffectiveCost of every
//    line item of the day, all services, Tax excluded (commitments count spend before tax); its
//    **fleet share** is the part mapped to a pool. An **estimated day** (from billedUntil on, today
//    included, partial) burns the telemetry estimate of the fleet (spend + idle reserved dollars)
//    plus the other services at their mean over the newest 7 billed days (none without a bill). A
//    day without a bill and without a stored telemetry minute is no history day: nothing is made up.
//  - **burned to date** = priorSpendUsd (declared: billed before the bill's first day) + Σ billed
//    days + Σ estimated days.
//  - **plan to date** = the declared yearly plan at asOf (commitment-plan.ts).
//  - **run-rate** = the mean burn per day over the newest whole weeks (at most RATE_WEEKS: 28 days)
//    of complete history days before the current day (a complete day: billed, or estimated with all
//    1,440 minutes observed); with fewer than 7 complete days, over all of them.
//    **forecast at end** = burned to date + run-rate × days left (asOf → endAt, fractional).
//    **Range**: the same with the lowest and the highest of those weeks' own means (the run-rate
//    is their average, so it lies inside); with no whole week, the range is the forecast itself.
//  - **forecast vs commitment** = forecast − totalUsd: below 0 a shortfall, above an overage.

export const RATE_WEEKS = 4;
const WEEK_DAYS = 7;
const OTHER_SERVICES_DAYS = 7;
const DAY_MS = 86_400_000;

export type BurnBillDay = {
  /** UTC midnight. */
  day: Date;
  /** Σ EffectiveCost, Tax excluded, all services. */
  countedUsd: number;
  /** Of which mapped to a pool. */
  fleetUsd: number;
};

export type BurnEstimateDay = { day: Date; fleetUsd: number; observedMinutes: number };

export type BurnHistoryDay = {
  day: Date;
  kind: "billed" | "estimated";
  burnedUsd: number;
  fleetUsd: number;
  complete: boolean;
};

export type BurnFigures = {
  history: BurnHistoryDay[];
  /** The first history day (null: none). */
  historyFrom: Date | null;
  billedUsd: number;
  fleetBilledUsd: number;
  estimatedUsd: number;
  otherServicesUsdPerDay: number;
  burnedToDateUsd: number;
  planToDateUsd: number;
  rate: { days: number; usdPerDay: number; lowUsdPerDay: number; highUsdPerDay: number; weeks: number };
  daysLeft: number;
  forecast: { mid: number; low: number; high: number };
};

export function computeCommitmentBurn(args: {
  term: CommitmentTerm;
  priorSpendUsd: number;
  asOf: Date;
  /** Days of the bill in the term before billedUntil, any order; missing days inside it are $0 bill days. */
  billDays: BurnBillDay[];
  /** The first UTC day of the bill (in the term), or null without a bill. */
  billFrom: Date | null;
  /** The first UTC day the bill does not cover, or null without a bill. */
  billedUntil: Date | null;
  /** Telemetry estimates of the fleet per UTC day from billedUntil (or the term's start) to asOf. */
  estimateDays: BurnEstimateDay[];
}): BurnFigures {
  const { term, asOf } = args;
  const start = term.startAt.getTime();
  const inTerm = (d: Date) =>
    d.getTime() + DAY_MS > start && d.getTime() < Math.min(term.endAt.getTime(), asOf.getTime());
  const history: BurnHistoryDay[] = [];
  if (args.billFrom && args.billedUntil) {
    const byDay = new Map(args.billDays.map((b) => [b.day.getTime(), b]));
    for (let t = args.billFrom.getTime(); t < args.billedUntil.getTime(); t += DAY_MS) {
      const day = new Date(t);
      if (!inTerm(day)) continue;
      const b = byDay.get(t);
      history.push({ day, kind: "billed", burnedUsd: b?.countedUsd ?? 0, fleetUsd: b?.fleetUsd ?? 0, complete: true });
    }
  }
  const billed = history.slice();
  const lastBilled = billed.slice(-OTHER_SERVICES_DAYS);
  const otherServicesUsdPerDay =
    lastBilled.length === 0 ? 0 : lastBilled.reduce((a, d) => a + d.burnedUsd - d.fleetUsd, 0) / lastBilled.length;
  const estimatedFrom = args.billedUntil?.getTime() ?? -Infinity;
  for (const e of [...args.estimateDays].sort((a, b) => a.day.getTime() - b.day.getTime())) {
    if (e.day.getTime() < estimatedFrom || !inTerm(e.day)) continue;
    history.push({
      day: e.day,
      kind: "estimated",
      burnedUsd: e.fleetUsd + otherServicesUsdPerDay,
      fleetUsd: e.fleetUsd,
      complete: e.observedMinutes >= 1440,
    });
  }

  const sum = (days: BurnHistoryDay[]) => days.reduce((a, d) => a + d.burnedUsd, 0);
  const billedUsd = sum(billed);
  const estimatedUsd = sum(history.filter((d) => d.kind === "estimated"));
  const burnedToDateUsd = args.priorSpendUsd + billedUsd + estimatedUsd;

  const today = Math.floor(asOf.getTime() / DAY_MS) * DAY_MS;
  const complete = history.filter((d) => d.complete && d.day.getTime() < today);
  const weeks = Math.min(RATE_WEEKS, Math.floor(complete.length / WEEK_DAYS));
  const window = weeks > 0 ? complete.slice(-weeks * WEEK_DAYS) : complete;
  const mean = (days: BurnHistoryDay[]) => (days.length === 0 ? 0 : sum(days) / days.length);
  const usdPerDay = mean(window);
  const weekMeans = Array.from({ length: weeks }, (_, w) => mean(window.slice(w * WEEK_DAYS, (w + 1) * WEEK_DAYS)));
  const lowUsdPerDay = weeks > 0 ? Math.min(...weekMeans) : usdPerDay;
  const highUsdPerDay = weeks > 0 ? Math.max(...weekMeans) : usdPerDay;
  const daysLeft = Math.max(0, (term.endAt.getTime() - asOf.getTime()) / DAY_MS);
  return {
    history,
    historyFrom: history[0]?.day ?? null,
    billedUsd,
    fleetBilledUsd: billed.reduce((a, d) => a + d.fleetUsd, 0),
    estimatedUsd,
    otherServicesUsdPerDay,
    burnedToDateUsd,
    planToDateUsd: planAt(term, asOf),
    rate: { days: window.length, usdPerDay, lowUsdPerDay, highUsdPerDay, weeks },
    daysLeft,
    forecast: {
      mid: burnedToDateUsd + usdPerDay * daysLeft,
      low: burnedToDateUsd + lowUsdPerDay * daysLeft,
      high: burnedToDateUsd + highUsdPerDay * daysLeft,
    },
  };
}

export type BurnPoint = {
  t: string;
  plan: number;
  billed: number | null;
  estimated: number | null;
  forecast: number | null;
  forecastLow: number | null;
  forecastHigh: number | null;
};

/**
 * Chart coordinates: the plan at its year breaks and at every history day's end, cumulative burn
 * (the prior spend first, at the first history day) split at the bill's boundary into its billed and
 * estimated parts (the boundary point carries both, so the lines join), and the forecast and its
 * range from asOf to the end.
 */
export function burnPoints(args: {
  term: CommitmentTerm;
  priorSpendUsd: number;
  asOf: Date;
  figures: BurnFigures;
}): BurnPoint[] {
  const { term, figures } = args;
  const points = new Map<number, BurnPoint>();
  const at = (ms: number): BurnPoint => {
    let p = points.get(ms);
    if (!p) {
      p = {
        t: new Date(ms).toISOString(),
        plan: planAt(term, ms),
        billed: null,
        estimated: null,
        forecast: null,
        forecastLow: null,
        forecastHigh: null,
      };
      points.set(ms, p);
    }
    return p;
  };
  for (const b of planBreaks(term)) at(b);
  let cumulative = args.priorSpendUsd;
  let lastKind: "billed" | "estimated" = "billed";
  if (figures.historyFrom) {
    const first = at(Math.max(figures.historyFrom.getTime(), term.startAt.getTime()));
    if (figures.history[0]!.kind === "billed") first.billed = cumulative;
    else first.estimated = cumulative;
  }
  for (const d of figures.history) {
    const endMs = Math.min(d.day.getTime() + DAY_MS, args.asOf.getTime());
    if (d.kind === "estimated" && lastKind === "billed") {
      // The boundary: the estimate's line starts where the bill's ends.
      const boundary = at(Math.max(d.day.getTime(), term.startAt.getTime()));
      boundary.estimated = cumulative;
    }
    cumulative += d.burnedUsd;
    const p = at(endMs);
    if (d.kind === "billed") p.billed = cumulative;
    else p.estimated = cumulative;
    lastKind = d.kind;
  }
  const now = at(args.asOf.getTime());
  now.forecast = now.forecastLow = now.forecastHigh = figures.burnedToDateUsd;
  const end = at(term.endAt.getTime());
  end.forecast = figures.forecast.mid;
  end.forecastLow = figures.forecast.low;
  end.forecastHigh = figures.forecast.high;
  return [...points.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
}
