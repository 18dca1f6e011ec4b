// Billed vs estimated per model and per chip family, per UTC day, from the pool-day figures (pure,
// so it is tested with hand-computed cases). Defined before computed (README "Billed vs estimated"):
//  - a chip family's day: Σ billed and Σ estimated of its pools' rows that day (null when no row
//    of the family has that side);
//  - a model's day: the bill is mapped to pools, not models, so a pool-day's billed dollars go to the
//    models it served by each one's share of the pool-day's estimate (spend + idle reserved $ of its
//    series: the Spend rule's split by billed instances); a pool-day with a bill but no estimate is
//    split equally among the pool's models. Estimated = Σ the model's own series that day.
//  - drift = billed − estimated; drift % = drift / estimated × 100 (compare-billed.ts).

export type PoolDayFigures = {
  day: string;
  poolId: string;
  chipFamily: string;
  billedUsd: number | null;
  estimatedUsd: number | null;
};

/** One model's estimate on one pool and day. */
export type ModelPoolDayEstimate = { day: string; poolId: string; modelId: string; estimatedUsd: number };

export type GroupDay = { day: string; key: string; billedUsd: number | null; estimatedUsd: number | null };

const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);

function accumulate(map: Map<string, GroupDay>, day: string, key: string, billed: number | null, est: number | null) {
  const k = `${day}|${key}`;
  const g = map.get(k) ?? { day, key, billedUsd: null, estimatedUsd: null };
  g.billedUsd = add(g.billedUsd, billed);
  g.estimatedUsd = add(g.estimatedUsd, est);
  map.set(k, g);
}

const sorted = (map: Map<string, GroupDay>) =>
  [...map.values()].sort((a, b) => a.day.localeCompare(b.day) || a.key.localeCompare(b.key));

export function groupByChipFamilyDay(rows: PoolDayFigures[]): GroupDay[] {
  const out = new Map<string, GroupDay>();
  for (const r of rows) accumulate(out, r.day, r.chipFamily, r.billedUsd, r.estimatedUsd);
  return sorted(out);
}

export function groupByModelDay(args: {
  rows: PoolDayFigures[];
  modelEstimates: ModelPoolDayEstimate[];
  /** Pool → the models it serves (for a billed pool-day without any estimate). */
  poolModels: Map<string, string[]>;
}): GroupDay[] {
  const byPoolDay = new Map<string, ModelPoolDayEstimate[]>();
  for (const e of args.modelEstimates) {
    const k = `${e.day}|${e.poolId}`;
    byPoolDay.set(k, [...(byPoolDay.get(k) ?? []), e]);
  }
  const out = new Map<string, GroupDay>();
  for (const r of args.rows) {
    const models = byPoolDay.get(`${r.day}|${r.poolId}`) ?? [];
    const total = models.reduce((a, m) => a + m.estimatedUsd, 0);
    if (models.length > 0 && total > 0) {
      for (const m of models)
        accumulate(
          out,
          r.day,
          m.modelId,
          r.billedUsd === null ? null : (r.billedUsd * m.estimatedUsd) / total,
          m.estimatedUsd,
        );
      continue;
    }
    const served = models.length > 0 ? models.map((m) => m.modelId) : (args.poolModels.get(r.poolId) ?? []);
    for (const modelId of served)
      accumulate(
        out,
        r.day,
        modelId,
        r.billedUsd === null ? null : r.billedUsd / served.length,
        models.length > 0 ? 0 : null,
      );
  }
  return sorted(out);
}
