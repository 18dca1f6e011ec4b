/**
 * Capacity recommendations, priced at the margin: each dollar figure is how much the bill changes
 * if the recommendation is carried out on the fleet as it is now, compared with leaving it alone.
 *
 * Basis. Every figure is over one "month" of `horizon.hours` hours: the real length of the
 * reviewed month (672 h for February 2026, 744 h for a 31-day month, never 730), counted from now.
 * Reservations bill until they end whatever the fleet does, so only capacity that is not reserved,
 * or whose reservation ends within those hours, can be saved; after a reservation ends, an
 * instance it covered would run on demand unless the reservation is renewed.
 *
 * - launch_for_slo (cost): instances to add so the busiest hour runs at the target utilization.
 *   The pool's idle reserved instances are used first at no extra cost; the rest at the pool's
 *   on-demand price × hours.
 * - drain_on_demand (saving): on-demand instances above what the busiest hour needs at the target
 *   utilization, never below the pool minimum, × on-demand price × hours. Reserved instances are
 *   never counted as saved (they keep billing).
 * - release_idle_reservation (saving): idle reserved instances (average, whole instances) of
 *   reservations that can be cancelled (no end date) × their rate × hours. Reservations with an end
 *   date bill until it; for them the figure is $0 and the text says what the idle capacity costs
 *   until it ends and how many to leave out of a renewal.
 * - shift_chip_family (saving, net): traffic of a model moved from its dearer chip family's pools
 *   (each shrunk no further than its minimum) to its cheaper family, which carries it at the
 *   throughput per instance it achieved this month. Saved: the giving pools' on-demand instances ×
 *   on-demand price × hours, plus instances of reservations ending within the hours × on-demand
 *   price × the hours after the end. Spent: new instances on the receiving side beyond its idle
 *   reserved ones × its on-demand price × hours. A pool is moved only when its own net saving is
 *   positive; no recommendation when none is.
 * - renew_reservation (cost of not renewing): a reservation ending within `renewWithinDays`. Only the
 *   instances the pool is expected to use (its average instances in service, less those its other
 *   reservations cover) would run on demand after the end; idle ones are not a cost of letting it
 *   lapse. Premium per month: used instances × (on-demand − reserved rate) × hours.
 *
 * Excluded everywhere: upfront fees, taxes, data transfer and storage; instances shared by several
 * models' pools are never drained for one model's traffic.
 *
 * Take-or-pay. When a take-or-pay commitment is forecast to end short of its total, every dollar
 * not spent before its end is billed anyway as shortfall (all services count toward it), so a saving
 * (monthlyUsd > 0) only widens the shortfall: its figure stays the change in the AWS usage bill, its
 * detail says it lowers nothing paid before the term ends, and it ranks below every recommendation
 * that does not (risks and costs first, in their own order; then these savings, in theirs).
 */
import type { TRecommendationFigures } from "./review-dto";
import { type Draft, type RecommendInput, type TakeOrPayShortfall, usd } from "./recommendation-rules";
import { recommendChipShift } from "./recommend-chip-shift";
import { recommendForPool } from "./recommend-pool-rules";
import { recommendRenewal } from "./recommend-renewal";

export { RECOMMENDATION_RULES } from "./recommendation-rules";
export type {
  ModelFacts,
  PoolFacts,
  PricingHorizon,
  RecommendInput,
  ReservationFacts,
  TakeOrPayShortfall,
} from "./recommendation-rules";

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** Ranked recommendations: risks first, then by dollars per month. Pure; see the block above. */
export function recommendCapacity(input: RecommendInput): TRecommendationFigures[] {
  const drafts: Draft[] = [
    ...input.pools.flatMap((p) =>
      recommendForPool(
        p,
        input.reservations.filter((r) => r.poolId === p.id),
        input.horizon,
      ),
    ),
    ...input.models.flatMap((m) => recommendChipShift(m, input.pools, input.reservations, input.horizon)),
    ...input.reservations.flatMap((r) => recommendRenewal(r, input.pools, input.horizon)),
  ];
  const shortfall = input.takeOrPayShortfall ?? null;
  const ranked = drafts
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || Math.abs(b.monthlyUsd) - Math.abs(a.monthlyUsd),
    )
    .map((d) => ({ ...d, widensTakeOrPayShortfall: shortfall !== null && d.monthlyUsd > 0 }));
  return [
    ...ranked.filter((d) => !d.widensTakeOrPayShortfall),
    ...ranked
      .filter((d) => d.widensTakeOrPayShortfall)
      .map((d) => ({ ...d, detail: `${d.detail} ${takeOrPayNote(shortfall!)}` })),
  ].map((d, i) => ({ ...d, rank: i + 1 }));
}

function takeOrPayNote(s: TakeOrPayShortfall): string {
  return (
    `Take-or-pay: ${s.commitmentName} is forecast ${usd(s.shortfallUsd)} short at its end ` +
    `(${s.endAt.toISOString().slice(0, 10)}), and a shortfall is billed anyway: this saving only widens it, so it ` +
    `lowers nothing paid before the term ends.`
  );
}
