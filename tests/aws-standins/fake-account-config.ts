// The fleet config file that describes the fake account (fake-account-fleet.ts): regions, tag
// filters, clusters, models (the first labelled other than its id), prices and pool overrides.
import type { GeneratedAccount } from "./fake-account-fleet";
import { MODEL_LABEL, MODEL_TAG, POOL_TAG, TYPES } from "./fake-account-names";

export function fleetConfig(a: {
  regions: string[];
  clusters: { name: string }[];
  models: GeneratedAccount["models"];
  capacityBlockId: string;
}): Record<string, unknown> {
  const [first, second] = a.regions;
  return {
    version: 1,
    aws: {
      regions: a.regions,
      autoScalingTagFilters: [{ key: POOL_TAG.key, values: [POOL_TAG.value] }],
      modelTag: MODEL_TAG,
      ...(a.clusters.length ? { clusters: a.clusters.map((c) => c.name) } : {}),
      pricingRegion: "us-east-1",
    },
    kubernetes: { modelLabel: MODEL_LABEL },
    pricing: {
      effectiveRateFactor: 0.72,
      overrides: second ? [{ instanceType: TYPES[0], region: second, usdPerHour: 29.1 }] : [],
      capacityBlocks: [{ reservationId: a.capacityBlockId, usdPerInstanceHour: 19.2 }],
    },
    models: a.models.map((m, i) => ({
      id: m.id,
      displayName: m.id.replace(/-/g, " "),
      team: `team-${i % 3}`,
      kind: m.kind,
      sloP95Ms: 500 + 100 * i,
      minServingInstances: 1 + (i % 4),
      ...(m.label !== m.id ? { match: { label: m.label } } : {}),
    })),
    commitments: [
      {
        id: "compute-2026-2029",
        name: "AI compute commitment 2026–2029",
        totalUsd: 12_000_000,
        startAt: "2026-01-01",
        endAt: "2030-01-01",
        priorSpendUsd: 1_250_000.5,
      },
    ],
    pools: [
      { match: `asg/${first}/batch-misc`, exclude: true },
      ...(a.clusters.length
        ? [
            { match: `eks/${first}/${a.clusters[0]!.name}/ng-0001`, id: "atlas-ng-first" },
            { match: { backingId: "np-0002" }, models: [a.models[0]!.id, a.models[2 % a.models.length]!.id] },
          ]
        : []),
    ],
  };
}
