import "server-only";
import { CoreV1Api, type KubeConfig, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import type { CordonResult } from "@/lib/fleet/provider";
import { kubeStatusCode } from "./kube-errors";

/**
 * Sets spec.unschedulable with a strategic merge patch, as `kubectl cordon` / `uncordon` do: the
 * same patch again changes nothing. A 404 is "gone": the node no longer exists (its instance was
 * terminated or replaced). Any other failure is thrown. With `resourceVersion` the patch is
 * conditional: the API server answers 409 Conflict if the node changed since it was read.
 */
async function patchUnschedulable(args: {
  kubeConfig: KubeConfig;
  nodeName: string;
  unschedulable: boolean;
  resourceVersion?: string;
}): Promise<"patched" | "gone"> {
  const core = args.kubeConfig.makeApiClient(CoreV1Api);
  const metadata = args.resourceVersion ? { metadata: { resourceVersion: args.resourceVersion } } : {};
  try {
    await core.patchNode(
      { name: args.nodeName, body: { ...metadata, spec: { unschedulable: args.unschedulable } } },
      // The generated client would send application/json-patch+json, which wants an ops array.
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
    return "patched";
  } catch (error) {
    if (kubeStatusCode(error) === 404) return "gone";
    throw error;
  }
}

/**
 * Reads the node first, so a drain can tell a node it cordoned from one someone cordoned before it
 * (an SRE holding a suspect host), which it must leave cordoned when it gives nodes back: an
 * unschedulable node is "already-cordoned" and not patched. A cordon by someone else landing
 * between the read and the patch is taken as ours; the window is one round trip, accepted.
 * A node that no longer exists (terminated by an earlier attempt) cannot take pods either: "gone".
 * The patch carries the resourceVersion read, so a worker that paused between the read and the
 * patch (and lost its lease to a successor that cordoned the node meanwhile) gets a 409, not a
 * "cordoned" it would record as its own.
 */
export async function cordonNode(args: { kubeConfig: KubeConfig; nodeName: string }): Promise<CordonResult> {
  let resourceVersion: string | undefined;
  try {
    const node = await args.kubeConfig.makeApiClient(CoreV1Api).readNode({ name: args.nodeName });
    if (node.spec?.unschedulable === true) return "already-cordoned";
    resourceVersion = node.metadata?.resourceVersion;
  } catch (error) {
    if (kubeStatusCode(error) === 404) return "gone";
    throw error;
  }
  return (await patchUnschedulable({ ...args, unschedulable: true, resourceVersion })) === "gone" ? "gone" : "cordoned";
}

/** How a drain that stops early gives a node back; "gone": there is no capacity to give back. */
export async function uncordonNode(args: { kubeConfig: KubeConfig; nodeName: string }): Promise<"uncordoned" | "gone"> {
  return (await patchUnschedulable({ ...args, unschedulable: false })) === "gone" ? "gone" : "uncordoned";
}
