import "server-only";
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type { EKSClient } from "@aws-sdk/client-eks";
import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import type { PoolTarget } from "@/lib/fleet/provider";

/** What every operation of the aws provider needs; built once by createAwsFleetProvider. */
export type AwsProviderContext = {
  autoScaling: (region: string) => AutoScalingClient;
  eks: (region: string) => EKSClient;
  kubeConfig: (pool: PoolTarget) => Promise<KubeConfig>;
};

export function requireClusterName(pool: PoolTarget): string {
  if (!pool.clusterName) {
    throw new AppError("BAD_REQUEST", `Pool ${pool.poolId} has no EKS cluster, so it has no Kubernetes nodes`);
  }
  return pool.clusterName;
}
