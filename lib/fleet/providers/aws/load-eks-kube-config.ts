import "server-only";
import { DescribeClusterCommand, type EKSClient } from "@aws-sdk/client-eks";
import { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import { createEksToken, EKS_TOKEN_LIFETIME_MS, type AwsCredentialsProvider } from "./create-eks-token";

// Reused until well before the token's 15-minute life ends, so a long drain keeps working and
// we do not call DescribeCluster and sign a token on every step.
const REFRESH_AFTER_MS = EKS_TOKEN_LIFETIME_MS - 5 * 60_000;
const cache = new Map<string, { kubeConfig: KubeConfig; madeAtMs: number }>();

/** A KubeConfig for an EKS cluster: its endpoint and CA from DescribeCluster, an IAM token. */
export async function loadEksKubeConfig(args: {
  eks: EKSClient;
  clusterName: string;
  region: string;
  credentials: AwsCredentialsProvider;
  now: () => Date;
}): Promise<KubeConfig> {
  const key = `${args.region}/${args.clusterName}`;
  const nowMs = args.now().getTime();
  const cached = cache.get(key);
  if (cached && nowMs - cached.madeAtMs < REFRESH_AFTER_MS) return cached.kubeConfig;

  const { cluster } = await args.eks.send(new DescribeClusterCommand({ name: args.clusterName }));
  const endpoint = cluster?.endpoint;
  const caData = cluster?.certificateAuthority?.data;
  if (!endpoint || !caData) {
    throw new AppError(
      "UNAVAILABLE",
      `EKS cluster ${args.clusterName} has no endpoint or CA yet (status ${cluster?.status ?? "unknown"})`,
    );
  }
  const token = await createEksToken({
    clusterName: args.clusterName,
    region: args.region,
    credentials: args.credentials,
    now: new Date(nowMs),
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: args.clusterName, server: endpoint, caData, skipTLSVerify: false }],
    users: [{ name: "fleet-console", token }],
    contexts: [{ name: args.clusterName, cluster: args.clusterName, user: "fleet-console" }],
    currentContext: args.clusterName,
  });
  cache.set(key, { kubeConfig, madeAtMs: nowMs });
  return kubeConfig;
}
