import "server-only";
import { DescribeNodegroupCommand, type EKSClient } from "@aws-sdk/client-eks";
import { AppError } from "@/lib/errors";

export type NodegroupInfo = { min: number; max: number; desired: number; asgNames: string[] };

/** Scaling config of an EKS managed node group and the Auto Scaling group(s) behind it. */
export async function describeNodegroup(args: {
  eks: EKSClient;
  clusterName: string;
  nodegroupName: string;
}): Promise<NodegroupInfo> {
  const { nodegroup } = await args.eks.send(
    new DescribeNodegroupCommand({ clusterName: args.clusterName, nodegroupName: args.nodegroupName }),
  );
  const scaling = nodegroup?.scalingConfig;
  const asgNames = (nodegroup?.resources?.autoScalingGroups ?? []).flatMap((g) => (g.name ? [g.name] : []));
  if (!scaling || asgNames.length === 0) {
    throw new AppError(
      "UNAVAILABLE",
      `EKS node group ${args.nodegroupName} has no scaling config or Auto Scaling group yet (status ${nodegroup?.status ?? "unknown"})`,
    );
  }
  return { min: scaling.minSize ?? 0, max: scaling.maxSize ?? 0, desired: scaling.desiredSize ?? 0, asgNames };
}
