import "server-only";
import type { AutoScalingGroup, Instance } from "@aws-sdk/client-auto-scaling";
import type { InstanceBoot } from "@/lib/fleet/provider";
import type { NodeClaimInfo } from "./karpenter-node-claims";

/**
 * An Auto Scaling instance's boot from its lifecycle state: Pending (being launched) is pending;
 * Pending:Wait / Pending:Proceed (a launch lifecycle hook holds a running machine), Standby and
 * warm-pool states are running (up, not serving); InService; anything leaving before it served is
 * failed. The Auto Scaling API gives no launch or in-service time: both null.
 */
export function asgBootState(state: Instance["LifecycleState"]): InstanceBoot["state"] {
  if (state === "InService") return "in_service";
  if (state === "Pending" || state === undefined) return "pending";
  if (state.startsWith("Terminat") || state.startsWith("Detach")) return "failed";
  return "running";
}

export function asgInstanceBoots(groups: AutoScalingGroup[]): InstanceBoot[] {
  return groups.flatMap((g) =>
    (g.Instances ?? []).flatMap((i) =>
      i.InstanceId
        ? [
            {
              instanceId: i.InstanceId,
              nodeName: null,
              state: asgBootState(i.LifecycleState),
              launchedAt: null,
              inServiceAt: null,
            },
          ]
        : [],
    ),
  );
}

/**
 * A Karpenter NodeClaim's boot: launched (it has an instance) but no node yet is pending, a node
 * registered but not Ready is running, Ready is in service, deleted before that is failed. Its
 * creation time is the launch time.
 */
export function nodeClaimBoots(claims: NodeClaimInfo[]): InstanceBoot[] {
  return claims.flatMap((c) =>
    c.instanceId
      ? [
          {
            instanceId: c.instanceId,
            nodeName: c.nodeName,
            state:
              c.lifecycle === "in_service"
                ? "in_service"
                : c.lifecycle === "pending"
                  ? c.nodeName
                    ? "running"
                    : "pending"
                  : "failed",
            launchedAt: c.createdAt,
            inServiceAt: null,
          },
        ]
      : [],
  );
}
