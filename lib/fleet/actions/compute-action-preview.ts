import "server-only";
import { loadPoolPricing } from "@/lib/cost/load-pool-pricing";
import { activeReservation, computePoolMinuteCost } from "@/lib/cost/pool-minute-cost";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getDataEnd } from "@/lib/telemetry/get-data-end";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { getFleetProvider } from "../get-fleet-provider";
import type { FleetProvider } from "../provider";
import { assertPoolNotRetired, loadPool, toPoolTarget } from "../load-pool";
import type { TPoolActionPreviewRequest } from "./action-input";
import type { ActionPreview } from "./action-preview-dto";
import { chooseDrainInstances } from "./choose-drain-instances";
import { predictModelImpact } from "./predict-model-impact";

const RECENT_MINUTES = 15;

// The preview's shape is its schema (ZActionPreview), which the dialog parses the response with.
export type { ActionPreview } from "./action-preview-dto";

/** Everything the confirm dialog shows, from current data. Pure read: no provider mutation. */
export async function computeActionPreview({
  poolId,
  request,
  provider: given,
}: {
  poolId: string;
  request: TPoolActionPreviewRequest;
  /** The worker passes its own (fenced) provider; requests use the configured one. */
  provider?: FleetProvider;
}): Promise<ActionPreview> {
  const pool = await loadPool(poolId);
  assertPoolNotRetired(pool);
  const provider = given ?? (await getFleetProvider());
  const target = toPoolTarget(pool);
  const described = await provider.describePool(target);
  const inService = described.instances.filter((i) => i.lifecycle === "in_service");
  const before = inService.length;

  const count =
    request.mode === "all"
      ? before
      : request.mode === "to-max"
        ? Math.max(0, described.max - described.desired)
        : request.count!;
  if (count <= 0)
    throw new AppError(
      "UNPROCESSABLE",
      request.kind === "launch"
        ? `pool ${poolId} is already at its max capacity (${described.max})`
        : `pool ${poolId} has no instances in service to drain`,
    );
  const after = request.kind === "launch" ? before + count : before - count;

  const now = new Date();
  const pricing = (await loadPoolPricing([poolId])).get(poolId)!;
  const reserved = activeReservation(pricing, now).count;
  const costAt = (instances: number) => computePoolMinuteCost({ pricing, at: now, billedBySeries: [instances] })[0]!;
  const costBefore = costAt(before);
  const costAfter = costAt(Math.max(0, after));

  const { end } = await getDataEnd(now);
  const recent = await queryTelemetrySums({
    range: { from: new Date(end.getTime() - RECENT_MINUTES * 60_000), to: end, stepSeconds: 60, table: "minute" },
    groupBy: "model",
    bucketed: false,
    poolIds: [poolId],
  });
  const modelIds = pool.models.map((m) => m.model.id);
  const serving = await getPrisma().poolModel.findMany({
    where: { modelId: { in: modelIds } },
    select: { modelId: true, pool: { select: { desiredCapacity: true } } },
  });

  let drain: ActionPreview["drain"] = null;
  if (request.kind === "drain") {
    const chosen = chooseDrainInstances(inService, count);
    const pods = (
      await Promise.all(chosen.filter((i) => i.nodeName).map((i) => provider.listPods(target, i.nodeName!)))
    ).flat();
    const protectedPods = pods
      .filter((p) => !p.daemonSet && p.pdbName)
      .map((p) => ({ pod: `${p.namespace}/${p.name}`, pdbName: p.pdbName! }));
    drain = {
      instances: chosen.map((i) => ({ instanceId: i.instanceId, nodeName: i.nodeName })),
      pdbProtectedPods: protectedPods,
      pdbs: [...new Set(protectedPods.map((p) => p.pdbName))],
    };
  }

  return {
    poolId,
    kind: request.kind,
    count,
    capacity: {
      desiredBefore: described.desired,
      inServiceBefore: before,
      after,
      min: described.min,
      max: described.max,
      reserved,
    },
    spendUsdPerHour: { before: costBefore.spendUsd * 60, after: costAfter.spendUsd * 60 },
    idleReserved: {
      instancesBefore: Math.max(0, reserved - before),
      instancesAfter: Math.max(0, reserved - after),
      usdPerHourAfter: costAfter.idleReservedUsd * 60,
      usdPerHourBefore: costBefore.idleReservedUsd * 60,
    },
    onDemandInstancesAfter: Math.max(0, after - reserved),
    models: pool.models.map(({ model }) => {
      const m = recent.find((r) => r.key === model.id);
      const metrics = m ? deriveMetrics(m) : null;
      const servingBefore = serving
        .filter((s) => s.modelId === model.id)
        .reduce((a, s) => a + s.pool.desiredCapacity, 0);
      const delta = request.kind === "launch" ? count : -count;
      return {
        modelId: model.id,
        displayName: model.displayName,
        servingInstancesBefore: servingBefore,
        servingInstancesAfter: servingBefore + delta,
        minServingInstances: model.minServingInstances,
        ...predictModelImpact({
          before,
          after,
          utilizationPct: metrics?.utilizationPct ?? null,
          latencyP95Ms: metrics?.latencyP95Ms ?? null,
          sloP95Ms: model.sloP95Ms,
        }),
      };
    }),
    drain,
    computedAt: now.toISOString(),
  };
}
