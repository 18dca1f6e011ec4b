import "server-only";
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type { EKSClient } from "@aws-sdk/client-eks";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { KubeConfig } from "@kubernetes/client-node";
import type { FleetProvider, PoolTarget } from "@/lib/fleet/provider";
import { getAutoScalingClient, getEksClient } from "./aws-clients";
import { requireClusterName, type AwsProviderContext } from "./context";
import { cordonNode, uncordonNode } from "./cordon-node";
import type { AwsCredentialsProvider } from "./create-eks-token";
import { describeAwsPool } from "./describe-aws-pool";
import { evictPod } from "./evict-pod";
import { getAwsScalingStatus } from "./get-aws-scaling-status";
import { listNodePods } from "./list-node-pods";
import { loadEksKubeConfig } from "./load-eks-kube-config";
import { setAwsDesiredCapacity } from "./set-aws-desired-capacity";
import { terminateAwsInstances } from "./terminate-aws-instances";

export type AwsFleetProviderOptions = {
  /** Defaults to one shared client per region (./aws-clients). */
  autoScalingClient?: (region: string) => AutoScalingClient;
  eksClient?: (region: string) => EKSClient;
  /** Kubernetes access for a pool; defaults to DescribeCluster + an IAM token for pool.clusterName. */
  kubeConfig?: (pool: PoolTarget) => KubeConfig | Promise<KubeConfig>;
  /** Credentials that sign the EKS token; defaults to the SDK's default chain. */
  credentials?: AwsCredentialsProvider;
  /** Clock for the EKS token and its cache. */
  now?: () => Date;
};

/** The `aws` FleetProvider: EC2 Auto Scaling, EKS managed node groups, Karpenter, the Kubernetes API. */
export function createAwsFleetProvider(opts: AwsFleetProviderOptions = {}): FleetProvider {
  const eks = opts.eksClient ?? getEksClient;
  let credentials = opts.credentials;
  const ctx: AwsProviderContext = {
    autoScaling: opts.autoScalingClient ?? getAutoScalingClient,
    eks,
    kubeConfig: async (pool) => {
      if (opts.kubeConfig) return opts.kubeConfig(pool);
      // Built lazily: the default chain may read files or call IMDS, which plain ASG pools never need.
      credentials ??= defaultProvider();
      return loadEksKubeConfig({
        eks: eks(pool.region),
        clusterName: requireClusterName(pool),
        region: pool.region,
        credentials,
        now: opts.now ?? (() => new Date()),
      });
    },
  };

  const kube = async (pool: PoolTarget) => {
    requireClusterName(pool);
    return ctx.kubeConfig(pool);
  };

  return {
    name: "aws",
    describePool: (pool) => describeAwsPool({ ctx, pool }),
    setDesiredCapacity: (pool, desired, { idempotencyToken }) =>
      setAwsDesiredCapacity({ ctx, pool, desired, idempotencyToken }),
    getScalingStatus: (pool, { ref, desired }) => getAwsScalingStatus({ ctx, pool, ref, desired }),
    cordonNode: async (pool, nodeName) => cordonNode({ kubeConfig: await kube(pool), nodeName }),
    uncordonNode: async (pool, nodeName) => uncordonNode({ kubeConfig: await kube(pool), nodeName }),
    listPods: async (pool, nodeName) => listNodePods({ kubeConfig: await kube(pool), nodeName }),
    evictPod: async (pool, pod) => evictPod({ kubeConfig: await kube(pool), pod }),
    terminateInstances: (pool, instanceIds) => terminateAwsInstances({ ctx, pool, instanceIds }),
  };
}
