import "server-only";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db";
import { recordFleetSnapshot } from "@/lib/inventory/history/record-fleet-snapshot";
import { SIM_POOLS } from "@/lib/simulator/pools";
import type {
  CordonResult,
  EvictionResult,
  FleetInstance,
  FleetProvider,
  InstanceBoot,
  PodRef,
  PoolTarget,
  ScalingStatus,
} from "../../provider";
import { ProviderError } from "../../provider-error";
import { newInstanceId, nodeNameFor, podsFor } from "./simulated-ids";

// The simulated fleet as a fleet provider. State lives in PostgreSQL (SimulatedInstance/Pod), so
// it survives restarts and is shared by replicas; the simulated telemetry counts these instances,
// so dashboards show the effect of launches and drains. Instances take SIM_BOOT_SECONDS to enter
// service, PDB-protected pods refuse eviction for SIM_PDB_BLOCK_SECONDS, and faults can be
// injected per pool (SimulatedFault): insufficient_capacity, eviction_stuck; slow_calls (every
// change call waits SLOW_CALL_MS before it reaches the simulated API, like a slow network);
// connection_reset (the next change call fails with ECONNRESET before reaching it; used once).
export const SLOW_CALL_MS = 2_000;
/** Interactive transactions: well past Prisma's 5 s default, so a loaded database is slow, not a failure. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/**
 * A simulated instance's boot: pending for the first third of its boot time (EC2 pending), running
 * for the rest (the OS is up, the node and model server are starting), in service from readyAt.
 * Its launch and in-service times are the simulated fleet's own (launchedAt, readyAt).
 */
export function simulatedBoot(
  i: { id: string; nodeName: string; state: string; launchedAt: Date; readyAt: Date; terminatedAt: Date | null },
  pool: Pick<PoolTarget, "backingKind">,
  now: Date,
): InstanceBoot {
  const runningAt = i.launchedAt.getTime() + (i.readyAt.getTime() - i.launchedAt.getTime()) / 3;
  const ended = i.state === "terminated" || i.state === "terminating";
  const served = i.readyAt <= now && (!i.terminatedAt || i.terminatedAt >= i.readyAt);
  const state: InstanceBoot["state"] = served
    ? "in_service"
    : ended
      ? "failed"
      : now.getTime() >= runningAt
        ? "running"
        : "pending";
  return {
    instanceId: i.id,
    nodeName: pool.backingKind === "asg" ? null : i.nodeName,
    state,
    launchedAt: i.launchedAt,
    inServiceAt: served ? i.readyAt : null,
  };
}

export function createSimulatedFleetProvider(): FleetProvider {
  const prisma = getPrisma();
  const cfg = () => getConfig();

  /** A change call reaching the simulated API: injected faults first, then the journal entry. */
  async function reach(poolId: string, method: string, args: object): Promise<Set<string>> {
    const faults = new Set(
      (await prisma.simulatedFault.findMany({ where: { poolId }, select: { kind: true } })).map((f) => f.kind),
    );
    if (faults.has("connection_reset")) {
      const { count } = await prisma.simulatedFault.deleteMany({ where: { poolId, kind: "connection_reset" } });
      if (count > 0) throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" });
    }
    if (faults.has("slow_calls")) await new Promise((r) => setTimeout(r, SLOW_CALL_MS));
    await prisma.simulatedProviderCall.create({ data: { poolId, method, args } });
    return faults;
  }

  /** Instances whose boot time has passed enter service. */
  async function settle(poolId: string, now = new Date()) {
    await prisma.simulatedInstance.updateMany({
      where: { poolId, state: "pending", readyAt: { lte: now } },
      data: { state: "running" },
    });
  }

  async function describePool(pool: PoolTarget) {
    await settle(pool.poolId);
    const [row, instances] = await Promise.all([
      prisma.pool.findUniqueOrThrow({
        where: { id: pool.poolId },
        select: { desiredCapacity: true, minCapacity: true, maxCapacity: true },
      }),
      prisma.simulatedInstance.findMany({
        where: { poolId: pool.poolId, state: { not: "terminated" } },
        orderBy: { launchedAt: "asc" },
      }),
    ]);
    const lifecycle = { pending: "pending", running: "in_service", terminating: "terminating" } as const;
    return {
      desired: row.desiredCapacity,
      min: row.minCapacity,
      max: row.maxCapacity,
      instances: instances.map((i): FleetInstance => ({
        instanceId: i.id,
        nodeName: pool.backingKind === "asg" ? null : i.nodeName,
        lifecycle: lifecycle[i.state as keyof typeof lifecycle] ?? "terminated",
        launchedAt: i.launchedAt,
      })),
    };
  }

  return {
    name: "simulated",
    describePool,

    async setDesiredCapacity(pool, desired, { idempotencyToken }) {
      const faults = await reach(pool.poolId, "setDesiredCapacity", { desired, idempotencyToken });
      if (faults.has("insufficient_capacity")) {
        throw new ProviderError(
          "InsufficientInstanceCapacity",
          `insufficient ${pool.instanceType} capacity in the pool's availability zone`,
        );
      }
      const now = new Date();
      const simPool = SIM_POOLS.find((p) => p.id === pool.poolId);
      await prisma.$transaction(async (tx) => {
        const live = await tx.simulatedInstance.count({
          where: { poolId: pool.poolId, state: { in: ["pending", "running"] } },
        });
        for (let i = live; i < desired; i++) {
          const id = newInstanceId();
          await tx.simulatedInstance.create({
            data: {
              id,
              poolId: pool.poolId,
              nodeName: nodeNameFor(id, pool.region),
              state: "pending",
              launchedAt: now,
              readyAt: new Date(now.getTime() + cfg().SIM_BOOT_SECONDS * 1000),
            },
          });
          if (pool.backingKind !== "asg" && simPool) {
            await tx.simulatedPod.createMany({
              data: podsFor(id, simPool.modelId, simPool.chipFamily).map((p) => ({
                id: `${p.namespace}/${p.name}`,
                instanceId: id,
                ...p,
              })),
            });
          }
        }
        await tx.pool.update({ where: { id: pool.poolId }, data: { desiredCapacity: desired } });
        await recordFleetSnapshot({ tx, now, reason: "provider:setDesiredCapacity" });
      }, TX_OPTIONS);
      return { ref: null };
    },

    async getScalingStatus(pool, { desired }): Promise<ScalingStatus> {
      const now = new Date();
      await settle(pool.poolId, now);
      // Terminated instances too: one that ends before its boot completes is a failed boot.
      const rows = await prisma.simulatedInstance.findMany({
        where: { poolId: pool.poolId, OR: [{ state: { not: "terminated" } }, { readyAt: { gt: now } }] },
        orderBy: [{ launchedAt: "asc" }, { id: "asc" }],
      });
      const instances = rows.map((i) => simulatedBoot(i, pool, now));
      const inService = instances.filter((i) => i.state === "in_service").length;
      return { state: inService >= desired ? "succeeded" : "in_progress", inService, instances };
    },

    async cordonNode(pool, nodeName): Promise<CordonResult> {
      await reach(pool.poolId, "cordonNode", { nodeName });
      // One conditional update: only a schedulable node changes, and the count says whether it did.
      const node = { poolId: pool.poolId, nodeName, state: { not: "terminated" } };
      const { count } = await prisma.simulatedInstance.updateMany({
        where: { ...node, cordoned: false },
        data: { cordoned: true },
      });
      if (count > 0) return "cordoned";
      return (await prisma.simulatedInstance.count({ where: node })) > 0 ? "already-cordoned" : "gone";
    },

    async uncordonNode(pool, nodeName) {
      await reach(pool.poolId, "uncordonNode", { nodeName });
      const { count } = await prisma.simulatedInstance.updateMany({
        where: { poolId: pool.poolId, nodeName, state: { not: "terminated" } },
        data: { cordoned: false },
      });
      return count > 0 ? "uncordoned" : "gone";
    },

    async listPods(pool, nodeName): Promise<PodRef[]> {
      const now = new Date();
      const pods = await prisma.simulatedPod.findMany({
        where: { instance: { poolId: pool.poolId, nodeName }, OR: [{ goneAt: null }, { goneAt: { gt: now } }] },
        orderBy: { id: "asc" },
      });
      return pods.map((p) => ({
        namespace: p.namespace,
        name: p.name,
        nodeName,
        daemonSet: p.daemonSet,
        pdbName: p.pdbName,
      }));
    },

    async evictPod(pool, pod): Promise<EvictionResult> {
      const faults = await reach(pool.poolId, "evictPod", { namespace: pod.namespace, name: pod.name });
      const now = new Date();
      const row = await prisma.simulatedPod.findUnique({ where: { id: `${pod.namespace}/${pod.name}` } });
      if (!row || row.evictedAt) return { status: "gone" };
      const blocked = (until: Date | null) => ({
        status: "blocked" as const,
        pdbName: row.pdbName,
        message: `Cannot evict pod as it would violate the pod's disruption budget${until ? ` (until ${until.toISOString()})` : ""}.`,
      });
      if (row.pdbName && faults.has("eviction_stuck")) return blocked(null);
      if (row.pdbName && !row.pdbBlocksUntil && cfg().SIM_PDB_BLOCK_SECONDS > 0) {
        // The first attempt finds the budget exhausted (a sibling replica is still starting).
        const until = new Date(now.getTime() + cfg().SIM_PDB_BLOCK_SECONDS * 1000);
        await prisma.simulatedPod.update({ where: { id: row.id }, data: { pdbBlocksUntil: until } });
        return blocked(until);
      }
      if (row.pdbBlocksUntil && row.pdbBlocksUntil > now) return blocked(row.pdbBlocksUntil);
      await prisma.simulatedPod.update({
        where: { id: row.id },
        data: { evictedAt: now, goneAt: new Date(now.getTime() + cfg().SIM_POD_GRACE_SECONDS * 1000) },
      });
      return { status: "evicted" };
    },

    async terminateInstances(pool, instanceIds) {
      await reach(pool.poolId, "terminateInstances", { instanceIds });
      await prisma.$transaction(async (tx) => {
        const live = await tx.simulatedInstance.findMany({
          where: { poolId: pool.poolId, id: { in: instanceIds }, state: { in: ["pending", "running"] } },
          select: { id: true },
        });
        if (live.length === 0) return; // a repeat after a crash: already done, do not scale in twice
        await tx.simulatedInstance.updateMany({
          where: { id: { in: live.map((i) => i.id) } },
          data: { state: "terminated", terminatedAt: new Date() },
        });
        await tx.pool.update({ where: { id: pool.poolId }, data: { desiredCapacity: { decrement: live.length } } });
        await recordFleetSnapshot({ tx, now: new Date(), reason: "provider:terminateInstances" });
      }, TX_OPTIONS);
    },
  };
}
