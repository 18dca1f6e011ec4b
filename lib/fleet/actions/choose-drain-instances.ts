import type { FleetInstance } from "../provider";

/**
 * The instances a drain of `count` removes: in service, newest first (the least likely to hold
 * warm caches and long-lived sessions). Instances launched at the same instant (one scaling
 * activity) are ordered by id, so the preview an operator approved and the worker's
 * select-instances step choose the same ones whatever order the provider listed them in.
 */
export function chooseDrainInstances<T extends Pick<FleetInstance, "instanceId" | "lifecycle" | "launchedAt">>(
  instances: T[],
  count: number,
): T[] {
  return instances
    .filter((i) => i.lifecycle === "in_service")
    .sort(
      (a, b) =>
        (b.launchedAt?.getTime() ?? 0) - (a.launchedAt?.getTime() ?? 0) ||
        (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0),
    )
    .slice(0, count);
}
