import "server-only";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getLogger } from "@/lib/observability/logger";
import type { FleetProvider } from "../provider";

/** This worker no longer holds the action: its lease lapsed, or another worker claimed it since. */
export class LeaseLostError extends Error {
  constructor(readonly actionId: string) {
    super(`lease on action ${actionId} lost`);
    this.name = "LeaseLostError";
  }
}

export type ActionLease = {
  /** Throws LeaseLostError unless the lease is still this worker's; extends it as it checks. */
  assert: () => Promise<void>;
  /** Runs `fn` in one transaction that first checks and extends the lease: all of its writes or none. */
  write: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;
  /** Extends the lease every third of its length while `work` is pending; stops once it is lost. */
  keepWhile: <T>(work: Promise<T>) => Promise<T>;
};

type Db = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * The lease a worker took with claimNextAction, as a fence: the claim's epoch, this worker's id and
 * an unexpired lockedUntil must all still hold for any write or provider call. A worker paused past
 * its lease (a stopped process, a long GC, a partition) finds it lost when it wakes and stops
 * before its next write or call; the row lock taken by the check serializes it with a successor's claim.
 */
export function createActionLease(args: { actionId: string; workerId: string; epoch: number }): ActionLease {
  const prisma = getPrisma();
  const { actionId, workerId, epoch } = args;
  const seconds = getConfig().WORKER_LEASE_SECONDS;
  let lost = false;
  const extend = async (db: Db) => {
    if (lost) throw new LeaseLostError(actionId);
    const count = await db.$executeRaw`UPDATE "PoolAction" SET "lockedUntil" = now() + ${seconds} * interval '1 second'
      WHERE id = ${actionId} AND "lockedBy" = ${workerId} AND "leaseEpoch" = ${epoch} AND "lockedUntil" > now()`;
    if (count === 0) {
      lost = true;
      getLogger().warn({ actionId, workerId, epoch }, "lease lost: this worker stops the action without writing");
      throw new LeaseLostError(actionId);
    }
  };

  return {
    assert: () => extend(prisma),
    write: (fn) =>
      prisma.$transaction(
        async (tx) => {
          await extend(tx);
          return fn(tx);
        },
        // Past the 5 s default: a loaded database must not turn a small write into a failed step.
        { maxWait: 10_000, timeout: 30_000 },
      ),
    keepWhile: async (work) => {
      const timer = setInterval(
        () => void extend(prisma).catch(() => {}), // lost: logged once; a failed query: the next tick tries again
        Math.max(200, (seconds * 1000) / 3),
      );
      try {
        return await work;
      } finally {
        clearInterval(timer);
      }
    },
  };
}

/**
 * The provider, with the lease checked (and extended) before every call: a worker that lost its
 * lease makes no further call. A call already in flight when the worker paused is not stopped by
 * this; the provider's own preconditions cover that window where the API has them (cordonNode's
 * resourceVersion). EC2 Auto Scaling's SetDesiredCapacity and TerminateInstanceInAutoScalingGroup
 * take no idempotency or precondition token; their absolute targets and "already terminating"
 * skips make a late repeat harmless.
 */
export function fencedProvider(provider: FleetProvider, lease: ActionLease): FleetProvider {
  const fenced =
    <A extends unknown[], R>(call: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      await lease.assert();
      return call(...a);
    };
  return {
    name: provider.name,
    describePool: fenced(provider.describePool.bind(provider)),
    setDesiredCapacity: fenced(provider.setDesiredCapacity.bind(provider)),
    getScalingStatus: fenced(provider.getScalingStatus.bind(provider)),
    cordonNode: fenced(provider.cordonNode.bind(provider)),
    uncordonNode: fenced(provider.uncordonNode.bind(provider)),
    listPods: fenced(provider.listPods.bind(provider)),
    evictPod: fenced(provider.evictPod.bind(provider)),
    terminateInstances: fenced(provider.terminateInstances.bind(provider)),
  };
}
