import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { nodeNameFor, podsFor, seededInstanceId } from "./simulated-ids";

/** The simulated provider's starting state: every pool's desired capacity, in service long ago. */
export async function seedSimulatedInstances(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const since = new Date(now.getTime() - 400 * 86400_000);
  const instances: Prisma.SimulatedInstanceCreateManyInput[] = [];
  const pods: Prisma.SimulatedPodCreateManyInput[] = [];
  for (const pool of SIM_POOLS) {
    for (let i = 0; i < pool.desiredCapacity; i++) {
      const id = seededInstanceId(pool.id, i);
      instances.push({
        id,
        poolId: pool.id,
        nodeName: nodeNameFor(id, pool.region),
        state: "running",
        launchedAt: since,
        readyAt: since,
      });
      if (pool.backingKind === "asg") continue; // plain EC2: no Kubernetes pods to drain
      for (const pod of podsFor(id, pool.modelId, pool.chipFamily))
        pods.push({ id: `${pod.namespace}/${pod.name}`, instanceId: id, ...pod });
    }
  }
  await tx.simulatedInstance.createMany({ data: instances });
  await tx.simulatedPod.createMany({ data: pods });
}
