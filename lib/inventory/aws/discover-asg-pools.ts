import "server-only";
import { type AutoScalingGroup, type Filter, paginateDescribeAutoScalingGroups } from "@aws-sdk/client-auto-scaling";
import type { DiscoveredPool } from "@/lib/inventory/types";
import { getLogger } from "@/lib/observability/logger";
import { getInventoryAutoScalingClient } from "./inventory-aws-clients";
import {
  type LaunchTemplateRef,
  launchTemplateRefKey,
  resolveLaunchTemplateTypes,
} from "./resolve-launch-template-types";
import { tagsToRecord } from "./tags-to-record";

/** `tag:<key>` with values, or `tag-key` when any value will do. */
export type AsgTagFilter = { key: string; values?: string[] };

// Groups behind EKS managed node groups and Karpenter are found through EKS and Kubernetes, where
// their cluster and labels are known; counting them here too would list one pool twice.
const OWNER_TAGS = ["eks:nodegroup-name", "eks:cluster-name", "karpenter.sh/nodepool"];

/**
 * The plain Auto Scaling groups of a region that carry the fleet's tags, as pools.
 *
 * instanceType, first found of: the first MixedInstancesPolicy override with an InstanceType; the
 * type of an InService instance (else any instance); the group's launch template version
 * (DescribeLaunchTemplateVersions, one request per distinct template, only for groups the first two
 * did not settle). A group with none of these (attribute-based selection, a launch configuration
 * and no instances, a deleted template) is left out and logged: a pool needs a type.
 */
export async function discoverAsgPools(args: {
  region: string;
  tagFilters: AsgTagFilter[];
  modelTag: string;
}): Promise<DiscoveredPool[]> {
  const client = getInventoryAutoScalingClient(args.region);
  const Filters: Filter[] = args.tagFilters.map((f) =>
    f.values?.length ? { Name: `tag:${f.key}`, Values: f.values } : { Name: "tag-key", Values: [f.key] },
  );
  const groups: AutoScalingGroup[] = [];
  for await (const page of paginateDescribeAutoScalingGroups(
    { client, pageSize: 100 },
    { Filters: Filters.length ? Filters : undefined },
  )) {
    for (const group of page.AutoScalingGroups ?? []) {
      if (!group.Tags?.some((t) => t.Key && OWNER_TAGS.includes(t.Key))) groups.push(group);
    }
  }

  const direct = new Map(groups.map((g) => [g, typeFromGroup(g)]));
  const refs = groups.flatMap((g) => (direct.get(g) ? [] : [launchTemplateOf(g)].filter((r) => r !== null)));
  const templateTypes = refs.length ? await resolveLaunchTemplateTypes({ region: args.region, refs }) : new Map();

  const pools: DiscoveredPool[] = [];
  for (const group of groups) {
    const ref = launchTemplateOf(group);
    const instanceType = direct.get(group) ?? (ref ? templateTypes.get(launchTemplateRefKey(ref)) : undefined);
    if (!instanceType) {
      getLogger().warn(
        { region: args.region, group: group.AutoScalingGroupName },
        "inventory: Auto Scaling group left out, its instance type could not be determined",
      );
      continue;
    }
    pools.push(toPool(group, args.region, instanceType, args.modelTag));
  }
  return pools;
}

function typeFromGroup(group: AutoScalingGroup): string | undefined {
  const override = group.MixedInstancesPolicy?.LaunchTemplate?.Overrides?.find((o) => o.InstanceType);
  if (override?.InstanceType) return override.InstanceType;
  const instances = group.Instances ?? [];
  const running = instances.find((i) => i.LifecycleState === "InService" && i.InstanceType);
  return (running ?? instances.find((i) => i.InstanceType))?.InstanceType;
}

function launchTemplateOf(group: AutoScalingGroup): LaunchTemplateRef | null {
  const spec = group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification ?? group.LaunchTemplate;
  if (!spec?.LaunchTemplateId && !spec?.LaunchTemplateName) return null;
  // Auto Scaling uses the template's default version when the group names none.
  return {
    id: spec.LaunchTemplateId || undefined,
    name: spec.LaunchTemplateName || undefined,
    version: spec.Version || "$Default",
  };
}

function toPool(group: AutoScalingGroup, region: string, instanceType: string, modelTag: string): DiscoveredPool {
  const name = group.AutoScalingGroupName!;
  const tags = tagsToRecord(group.Tags);
  const model = tags[modelTag];
  return {
    sourceKey: `asg/${region}/${name}`,
    scope: `autoscaling/${region}`,
    backingKind: "asg",
    backingId: name,
    clusterName: null,
    region,
    instanceType,
    availabilityZones: group.AvailabilityZones ?? [],
    minCapacity: group.MinSize ?? 0,
    desiredCapacity: group.DesiredCapacity ?? 0,
    maxCapacity: group.MaxSize ?? 0,
    modelLabels: model ? [model] : [],
    tags,
  };
}
