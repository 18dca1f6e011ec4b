import { isOverSlo } from "@/lib/telemetry/is-over-slo";
import {
  RECOMMENDATION_RULES as R,
  perMonth,
  plural,
  rate,
  removalSavingUsd,
  usd,
  wholeInstances,
  type Draft,
  type ModelFacts,
  type PoolFacts,
  type PricingHorizon,
  type ReservationFacts,
} from "./recommendation-rules";

const FAMILY = { trainium: "Trainium", graviton: "Graviton" } as const;

type Move = {
  pool: PoolFacts;
  target: PoolFacts;
  instances: number;
  onDemand: number;
  ending: number;
  saved: number;
  needed: number;
  paid: number;
  cost: number;
};

/**
 * Moving a model's traffic from its dearer chip family to its cheaper one, priced at the margin.
 * Each giving pool (serving only this model) is shrunk by the number of instances, no further than
 * its minimum, that saves the most net of what carrying its traffic costs on the receiving side:
 * the receiving pools' idle reserved instances in the same region first (free), then new instances
 * at the cheapest same-region receiving pool's on-demand price (traffic does not change region). Instances the receiving family needs are the moved traffic over
 * the throughput per instance it achieved this month, rounded up per giving pool.
 */
export function recommendChipShift(
  m: ModelFacts,
  pools: PoolFacts[],
  reservations: ReservationFacts[],
  h: PricingHorizon,
): Draft[] {
  const c = m.comparison;
  if (!c || !c.cheaper || c.savingPct === null || c.savingPct < R.minChipSavingPct) return [];
  const to = c.cheaper;
  const from = to === "graviton" ? "trainium" : "graviton";
  if (isOverSlo(c[to].latencyP95Ms, m.sloP95Ms)) return []; // cheaper but too slow
  // Without a measured unit rate on either side there is nothing to size a move by.
  const toRate = c[to].unitsPerSecond;
  const perInstance = c[to].avgInstances > 0 && toRate !== null ? toRate / c[to].avgInstances : 0;
  const receiving = pools.filter((p) => p.chipFamily === to && p.modelIds.includes(m.id));
  if (perInstance <= 0) return [];
  // Idle reserved instances on the receiving side, per region and instance type: free to use once.
  const free = new Map(receiving.map((p) => [p.id, wholeInstances(p.avgIdleReservedInstances)]));
  const giving = pools
    .filter((p) => p.chipFamily === from && p.modelIds.length === 1 && p.modelIds[0] === m.id && p.avgInstances > 0)
    .sort((a, b) => b.onDemandUsdPerHour - a.onDemandUsdPerHour || a.id.localeCompare(b.id));

  const moves: Move[] = [];
  for (const g of giving) {
    const rate = g.unitsPerSecond;
    if (rate === null) continue;
    const local = receiving.filter((p) => p.region === g.region);
    if (local.length === 0) continue; // traffic stays in its region
    const target = local.reduce((a, b) => (b.onDemandUsdPerHour < a.onDemandUsdPerHour ? b : a));
    const localFree = local.reduce((n, p) => n + (free.get(p.id) ?? 0), 0);
    const own = reservations.filter((r) => r.poolId === g.id);
    let best: (Move & { net: number }) | null = null;
    for (let k = 1; k <= g.desiredCapacity - g.minCapacity; k++) {
      const moved = Math.min(rate, (k * rate) / g.avgInstances);
      const needed = Math.ceil(moved / perInstance - 1e-9);
      const paid = needed - Math.min(localFree, needed);
      const s = removalSavingUsd(g, own, k, h.hours);
      const cost = paid * target.onDemandUsdPerHour * h.hours;
      const net = s.usd - cost;
      if (net > 0 && (!best || net > best.net))
        best = {
          pool: g,
          target,
          instances: k,
          onDemand: s.onDemandInstances,
          ending: s.endingInstances,
          saved: s.usd,
          needed,
          paid,
          cost,
          net,
        };
    }
    if (!best) continue; // moving any of this pool's traffic would cost more than it saves
    let used = best.needed - best.paid;
    for (const p of local) {
      const n = Math.min(used, free.get(p.id) ?? 0);
      free.set(p.id, (free.get(p.id) ?? 0) - n);
      used -= n;
    }
    moves.push(best);
  }
  if (moves.length === 0) return [];

  const saved = moves.reduce((s, x) => s + x.saved, 0);
  const needed = moves.reduce((s, x) => s + x.needed, 0);
  const paid = moves.reduce((s, x) => s + x.paid, 0);
  const cost = moves.reduce((s, x) => s + x.cost, 0);
  const instances = moves.reduce((s, x) => s + x.instances, 0);
  const onDemand = moves.reduce((s, x) => s + x.onDemand, 0);
  const ending = moves.reduce((s, x) => s + x.ending, 0);
  return [
    {
      kind: "shift_chip_family",
      severity: "info",
      poolId: null,
      modelId: m.id,
      monthlyUsd: saved - cost,
      title: `${m.displayName} is ${c.savingPct.toFixed(0)} % cheaper per ${m.costLabel.replace("$/", "")} on ${FAMILY[to]}: moving the traffic of ${plural(instances, `${FAMILY[from]} instance`)} (${moves.map((x) => `${x.instances} from ${x.pool.id}`).join(", ")}) saves ${usd(saved - cost)}${perMonth(h)}`,
      detail:
        `Saves ${usd(saved)}: ${onDemand} on-demand ${FAMILY[from]} instances × on-demand price × ${h.hours} h` +
        (ending ? `, ${ending} whose reservations end within the ${h.hours} h, for the hours after they end` : "") +
        `. Costs ${usd(cost)}: ${needed} ${FAMILY[to]} instances at this month's ${perInstance.toFixed(1)} ${m.rateLabel} each, ${needed - paid} on idle reserved capacity, ${paid} on demand (${moves.map((x) => `${x.paid} × ${rate(x.target.onDemandUsdPerHour)} × ${h.hours} h in ${x.target.id}`).join(", ")}). ` +
        `${FAMILY[to]} p95 stays within the ${m.sloP95Ms} ms SLO; reserved ${FAMILY[from]} instances keep billing until their reservations end, and pools keep their minimum.`,
    },
  ];
}
