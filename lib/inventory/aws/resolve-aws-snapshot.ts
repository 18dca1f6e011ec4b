import type {
  DeclaredCommitment,
  DeclaredModel,
  DeclaredPrice,
  DiscoveredInstanceType,
  DiscoveredPool,
  DiscoveredPrice,
  DiscoveredReservation,
  InventoryProblem,
  InventorySnapshot,
  ResolvedPool,
  ResolvedReservation,
  ScopeReport,
} from "@/lib/inventory/types";
import { LIVE_RESERVATION_STATES } from "@/lib/inventory/sync/diff-inventory";

// Turns what AWS and Kubernetes reported, plus what the fleet config declares, into the snapshot
// the sync applies: pool ids, chip families, the models each pool serves, which pool each
// reservation serves, and the price that applies. Pure: every rule has a hand-written test.

export type PoolOverride = { match: string; exclude?: boolean; id?: string; models?: string[] };

export type ResolveInput = {
  scopes: ScopeReport[];
  pools: DiscoveredPool[];
  instanceTypes: DiscoveredInstanceType[];
  reservations: DiscoveredReservation[];
  prices: DiscoveredPrice[];
  models: DeclaredModel[];
  commitments: DeclaredCommitment[];
  poolOverrides: PoolOverride[];
  /** Share of the on-demand list price actually paid (private pricing, EDP); 1 = list. */
  effectiveRateFactor: number;
  priceOverrides: { instanceType: string; region: string; usdPerHour: number }[];
  capacityBlockPrices: { reservationId: string; usdPerInstanceHour: number }[];
  /** Ids already given, by source key: a known pool keeps its id, a new one never takes a used id. */
  poolIds: ReadonlyMap<string, string>;
};

/** Tag on a targeted reservation naming the pool (id or source key) whose launches name it. */
export const RESERVATION_POOL_TAG = "fleet-console:pool";

export function resolveAwsSnapshot(input: ResolveInput): InventorySnapshot {
  const problems: InventoryProblem[] = [];
  const scopes = input.scopes.map((s) => ({ ...s }));
  const typeInfo = new Map(input.instanceTypes.map((t) => [t.instanceType, t]));
  const modelByLabel = new Map(input.models.map((m) => [m.labelValue, m.id]));
  const modelIds = new Set(input.models.map((m) => m.id));
  const used = new Set(input.poolIds.values());

  const pools: ResolvedPool[] = [];
  for (const p of input.pools) {
    const override = input.poolOverrides.find((o) => o.match === p.sourceKey || o.match === p.backingId);
    if (override?.exclude) continue;
    const info = typeInfo.get(p.instanceType);
    if (!info) {
      // Without DescribeInstanceTypes the chip family is unknown: keep the pool's last known state
      // (its scope counts as failed) rather than retire it.
      const scope = scopes.find((s) => s.scope === p.scope);
      if (scope?.ok) Object.assign(scope, { ok: false, error: `no instance type facts for ${p.instanceType}` });
      continue;
    }
    if (!info.chipFamily) {
      problems.push({
        kind: "unsupported_instance_type",
        subject: p.sourceKey,
        message: `${p.sourceKey} runs ${p.instanceType}${info.acceleratorName ? ` (${info.acceleratorName})` : ""}, neither Trainium nor Graviton: not tracked`,
      });
      continue;
    }
    const id = input.poolIds.get(p.sourceKey) ?? newPoolId(p, override?.id, used);
    used.add(id);
    const labels = override?.models ? [] : p.modelLabels;
    const mapped = override?.models ?? labels.flatMap((l) => (modelByLabel.has(l) ? [modelByLabel.get(l)!] : []));
    for (const l of labels.filter((l) => !modelByLabel.has(l))) {
      problems.push({
        kind: "unknown_model_label",
        subject: p.sourceKey,
        message: `${id} serves model label "${l}", which no model in the fleet config declares`,
      });
    }
    const models = [...new Set(mapped.filter((m) => modelIds.has(m)))].sort();
    if (!models.length)
      problems.push({ kind: "pool_without_model", subject: p.sourceKey, message: `${id} serves no declared model` });
    pools.push({ ...p, id, chipFamily: info.chipFamily, modelIds: models });
  }

  const prices = resolvePrices(input, pools, problems);
  const effective = new Map(prices.map((p) => [`${p.instanceType}|${p.region}`, p.reservedUsdPerHour]));
  const blockPrice = new Map(input.capacityBlockPrices.map((b) => [b.reservationId, b.usdPerInstanceHour]));
  const reservations: ResolvedReservation[] = [];
  for (const r of input.reservations) {
    const poolId = LIVE_RESERVATION_STATES.has(r.state) ? matchPool(r, pools) : null;
    if (LIVE_RESERVATION_STATES.has(r.state) && !poolId)
      problems.push({
        kind: "unmatched_reservation",
        subject: r.id,
        message: `${r.id} (${r.totalInstanceCount} × ${r.instanceType} in ${r.availabilityZone}, ${r.instanceMatchCriteria}) matches no pool`,
      });
    // Capacity Blocks are paid up front at the booked price; reservations bill at the effective on-demand rate.
    const usd =
      r.reservationType === "capacity-block"
        ? (blockPrice.get(r.id) ?? null)
        : (effective.get(`${r.instanceType}|${r.region}`) ?? null);
    if (usd === null) {
      problems.push({
        kind: "missing_price",
        subject: r.id,
        message:
          r.reservationType === "capacity-block"
            ? `Capacity Block ${r.id} has no booked price: declare it under pricing.capacityBlocks`
            : `${r.id}: no price for ${r.instanceType} in ${r.region}`,
      });
      continue;
    }
    reservations.push({ ...r, poolId, usdPerInstanceHour: usd });
  }

  for (const s of scopes.filter((s) => !s.ok))
    problems.push({ kind: "scope_failed", subject: s.scope, message: `${s.scope}: ${s.error ?? "failed"}` });

  return {
    source: "aws",
    scopes,
    models: input.models,
    pools,
    reservations,
    prices,
    instanceTypes: input.instanceTypes,
    commitments: input.commitments,
    problems,
  };
}

function resolvePrices(input: ResolveInput, pools: ResolvedPool[], problems: InventoryProblem[]): DeclaredPrice[] {
  const listed = new Map(input.prices.map((p) => [`${p.instanceType}|${p.region}`, p]));
  const overrides = new Map(input.priceOverrides.map((o) => [`${o.instanceType}|${o.region}`, o.usdPerHour]));
  const needed = new Map<string, { instanceType: string; region: string }>();
  for (const x of [...pools, ...input.reservations.filter((r) => r.reservationType === "default")])
    needed.set(`${x.instanceType}|${x.region}`, { instanceType: x.instanceType, region: x.region });
  const prices: DeclaredPrice[] = [];
  for (const [key, { instanceType, region }] of [...needed].sort(([a], [b]) => a.localeCompare(b))) {
    const override = overrides.get(key);
    const list = listed.get(key);
    const usd = override ?? list?.onDemandUsdPerHour;
    if (usd === undefined) {
      problems.push({
        kind: "missing_price",
        subject: key,
        message: `no on-demand price for ${instanceType} in ${region}`,
      });
      continue;
    }
    prices.push({
      instanceType,
      region,
      onDemandUsdPerHour: usd,
      // A config override is a negotiated rate, already what is paid (fleet-config-schema.ts): only
      // list prices take the discount. To the micro-dollar, like the Price List's: no float tails.
      reservedUsdPerHour: override ?? Math.round(usd * input.effectiveRateFactor * 1e6) / 1e6,
      source: override !== undefined ? "config" : "price-list",
      sku: override !== undefined ? null : (list?.sku ?? null),
    });
  }
  return prices;
}

/** Targeted: the pool its tag names. Open: the pool of that type whose AZs include the reservation's. */
function matchPool(r: DiscoveredReservation, pools: ResolvedPool[]): string | null {
  if (r.instanceMatchCriteria === "targeted") {
    const named = r.tags[RESERVATION_POOL_TAG];
    return pools.find((p) => named && (p.id === named || p.sourceKey === named))?.id ?? null;
  }
  const candidates = pools
    .filter((p) => p.region === r.region && p.instanceType === r.instanceType)
    .filter((p) => p.availabilityZones.includes(r.availabilityZone))
    .sort((a, b) => b.desiredCapacity - a.desiredCapacity || a.id.localeCompare(b.id));
  return candidates[0]?.id ?? null;
}

/** A URL slug from the backing name (cluster-prefixed for Kubernetes pools), never one already used. */
export function newPoolId(p: DiscoveredPool, wanted: string | undefined, used: ReadonlySet<string>): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 180);
  const base = slug(wanted ?? (p.clusterName ? `${p.clusterName}-${p.backingId}` : p.backingId)) || "pool";
  const candidates = [base, `${base}-${slug(p.region)}`];
  for (const c of candidates) if (!used.has(c)) return c;
  for (let n = 2; ; n++) if (!used.has(`${candidates[1]}-${n}`)) return `${candidates[1]}-${n}`;
}
