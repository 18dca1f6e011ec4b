import type {
  DeclaredCommitment,
  DeclaredModel,
  DeclaredPrice,
  InventorySnapshot,
  ResolvedPool,
  ResolvedReservation,
} from "@/lib/inventory/types";

// The difference between what the database holds and what a sync found. Pure, so every rule is
// tested with hand-written cases: what is new, what changed (field by field), what is gone and
// is retired (never deleted), and what is left alone because the scope that would see it failed.

export type StoredPool = Omit<ResolvedPool, "scope" | "modelLabels" | "tags" | "availabilityZones"> & {
  availabilityZone: string;
  inventoryScope: string | null;
  retiredAt: Date | null;
};
export type StoredReservation = Omit<ResolvedReservation, "scope" | "tags" | "totalInstanceCount"> & {
  instanceCount: number;
  retiredAt: Date | null;
};
export type StoredModel = DeclaredModel & { retiredAt: Date | null };

export type CurrentInventory = {
  models: StoredModel[];
  pools: StoredPool[];
  /** Each reservation's last scope is its region's EC2 scope; the simulated fleet's are "simulated". */
  reservations: (StoredReservation & { scope: string })[];
  prices: DeclaredPrice[];
  commitments: DeclaredCommitment[];
};

export type FieldChange = { before: unknown; after: unknown };
export type InventoryChange = {
  entity: "model" | "pool" | "pool_model" | "reservation" | "price" | "commitment";
  kind: "added" | "changed" | "retired" | "returned";
  /** Model id, pool id, "<poolId>|<modelId>", reservation id, "<instanceType>|<region>" or commitment id. */
  key: string;
  poolId?: string;
  modelId?: string;
  /** For "changed" (and "returned" with changes): the fields that differ. */
  fields?: Record<string, FieldChange>;
};

/** States in which a reservation holds (or will hold) capacity. */
export const LIVE_RESERVATION_STATES = new Set(["active", "scheduled", "pending", "payment-pending", "assessing"]);

/** How a discovered pool is stored: several AZs in one column, sorted. */
export const joinZones = (zones: string[]) => [...zones].sort().join(",");

function compare<T extends object, K extends keyof T>(
  before: T,
  after: Pick<T, K>,
  keys: K[],
): Record<string, FieldChange> | undefined {
  const fields: Record<string, FieldChange> = {};
  for (const k of keys) {
    const b = before[k];
    const a = after[k];
    const same =
      b instanceof Date || a instanceof Date
        ? (b as Date | null)?.getTime() === (a as Date | null)?.getTime()
        : typeof b === "number" && typeof a === "number"
          ? Math.abs(a - b) < 1e-9
          : JSON.stringify(b) === JSON.stringify(a);
    if (!same) fields[String(k)] = { before: b, after: a };
  }
  return Object.keys(fields).length ? fields : undefined;
}

const MODEL_FIELDS = [
  "displayName",
  "team",
  "kind",
  "sloP95Ms",
  "minServingInstances",
  "labelValue",
  "cloudwatchDimension",
] as const;
const POOL_FIELDS = [
  "chipFamily",
  "instanceType",
  "region",
  "availabilityZone",
  "backingKind",
  "backingId",
  "clusterName",
  "minCapacity",
  "desiredCapacity",
  "maxCapacity",
] as const;
const RESERVATION_FIELDS = [
  "instanceType",
  "region",
  "availabilityZone",
  "instanceCount",
  "availableInstanceCount",
  "startAt",
  "endAt",
  "usdPerInstanceHour",
  "poolId",
  "state",
  "reservationType",
  "instanceMatchCriteria",
] as const;

export function diffInventory(current: CurrentInventory, snapshot: InventorySnapshot): InventoryChange[] {
  const failed = new Set(snapshot.scopes.filter((s) => !s.ok).map((s) => s.scope));
  const changes: InventoryChange[] = [];

  const models = new Map(current.models.map((m) => [m.id, m]));
  for (const declared of snapshot.models) {
    const m = { ...declared, cloudwatchDimension: declared.cloudwatchDimension ?? declared.id };
    const stored = models.get(m.id);
    if (!stored) changes.push({ entity: "model", kind: "added", key: m.id, modelId: m.id });
    else {
      const fields = compare(stored, m, [...MODEL_FIELDS]);
      if (stored.retiredAt) changes.push({ entity: "model", kind: "returned", key: m.id, modelId: m.id, fields });
      else if (fields) changes.push({ entity: "model", kind: "changed", key: m.id, modelId: m.id, fields });
    }
  }
  const declared = new Set(snapshot.models.map((m) => m.id));
  for (const m of current.models) {
    if (!declared.has(m.id) && !m.retiredAt)
      changes.push({ entity: "model", kind: "retired", key: m.id, modelId: m.id });
  }

  const pools = new Map(current.pools.map((p) => [p.sourceKey, p]));
  for (const p of snapshot.pools) {
    const stored = pools.get(p.sourceKey);
    const next = { ...p, availabilityZone: joinZones(p.availabilityZones) };
    if (!stored) changes.push({ entity: "pool", kind: "added", key: p.id, poolId: p.id });
    else {
      const fields = compare(stored, next, [...POOL_FIELDS]);
      if (stored.retiredAt)
        changes.push({ entity: "pool", kind: "returned", key: stored.id, poolId: stored.id, fields });
      else if (fields) changes.push({ entity: "pool", kind: "changed", key: stored.id, poolId: stored.id, fields });
    }
    const poolId = stored?.id ?? p.id;
    for (const modelId of p.modelIds) {
      if (!stored?.modelIds.includes(modelId))
        changes.push({ entity: "pool_model", kind: "added", key: `${poolId}|${modelId}`, poolId, modelId });
    }
  }
  const found = new Set(snapshot.pools.map((p) => p.sourceKey));
  for (const p of current.pools) {
    if (p.retiredAt || found.has(p.sourceKey) || failed.has(p.inventoryScope ?? "")) continue;
    changes.push({ entity: "pool", kind: "retired", key: p.id, poolId: p.id });
  }

  const reservations = new Map(current.reservations.map((r) => [r.id, r]));
  for (const r of snapshot.reservations) {
    const stored = reservations.get(r.id);
    const next = { ...r, instanceCount: r.totalInstanceCount };
    const live = LIVE_RESERVATION_STATES.has(r.state);
    if (!stored) {
      // An expired reservation first seen now is history before Fleet Console knew it: stored, retired.
      changes.push({ entity: "reservation", kind: "added", key: r.id, poolId: r.poolId ?? undefined });
      if (!live) changes.push({ entity: "reservation", kind: "retired", key: r.id, poolId: r.poolId ?? undefined });
      continue;
    }
    const fields = compare(stored, next, [...RESERVATION_FIELDS]);
    if (stored.retiredAt && live)
      changes.push({ entity: "reservation", kind: "returned", key: r.id, poolId: r.poolId ?? undefined, fields });
    else if (fields)
      changes.push({ entity: "reservation", kind: "changed", key: r.id, poolId: r.poolId ?? undefined, fields });
    if (!stored.retiredAt && !live)
      changes.push({ entity: "reservation", kind: "retired", key: r.id, poolId: r.poolId ?? undefined });
  }
  const seen = new Set(snapshot.reservations.map((r) => r.id));
  for (const r of current.reservations) {
    if (r.retiredAt || seen.has(r.id) || failed.has(r.scope)) continue;
    changes.push({ entity: "reservation", kind: "retired", key: r.id, poolId: r.poolId ?? undefined });
  }

  const prices = new Map(current.prices.map((p) => [`${p.instanceType}|${p.region}`, p]));
  for (const p of snapshot.prices) {
    const key = `${p.instanceType}|${p.region}`;
    const stored = prices.get(key);
    if (!stored) changes.push({ entity: "price", kind: "added", key });
    else {
      const fields = compare(stored, p, ["onDemandUsdPerHour", "reservedUsdPerHour", "source", "sku"]);
      if (fields) changes.push({ entity: "price", kind: "changed", key, fields });
    }
  }

  const commitments = new Map(current.commitments.map((c) => [c.id, c]));
  for (const c of snapshot.commitments) {
    const stored = commitments.get(c.id);
    if (!stored) changes.push({ entity: "commitment", kind: "added", key: c.id });
    else {
      const fields = compare(stored, c, [
        "name",
        "totalUsd",
        "startAt",
        "endAt",
        "priorSpendUsd",
        "yearlyPlanUsd",
        "takeOrPay",
      ]);
      if (fields) changes.push({ entity: "commitment", kind: "changed", key: c.id, fields });
    }
  }
  return changes;
}
