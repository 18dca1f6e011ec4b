import "server-only";
import {
  type AutoScalingClient,
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  type Instance,
} from "@aws-sdk/client-auto-scaling";
import { AppError } from "@/lib/errors";
import type { FleetInstance } from "@/lib/fleet/provider";

/** The named groups, all of them: a missing group is an error, never an empty pool. */
export async function describeAsgGroups(args: {
  client: AutoScalingClient;
  names: string[];
}): Promise<AutoScalingGroup[]> {
  const out = await args.client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: args.names }));
  const groups = out.AutoScalingGroups ?? [];
  for (const name of args.names) {
    if (!groups.some((g) => g.AutoScalingGroupName === name)) {
      throw new AppError("NOT_FOUND", `Auto Scaling group ${name} does not exist`);
    }
  }
  return groups;
}

// Standby, quarantined and root-volume-replacement instances are in the group but not serving;
// they count as pending because they may come back. Retained and detaching ones are on their way out.
export function asgLifecycle(state: Instance["LifecycleState"]): FleetInstance["lifecycle"] {
  if (state === "InService") return "in_service";
  if (state === "Terminated" || state === "Detached") return "terminated";
  if (state?.startsWith("Terminating") || state === "Detaching") return "terminating";
  return "pending";
}

/** Instances that are leaving or gone: terminating them again would scale in twice. */
export function isLeaving(state: Instance["LifecycleState"]): boolean {
  const lifecycle = asgLifecycle(state);
  return lifecycle === "terminating" || lifecycle === "terminated";
}
