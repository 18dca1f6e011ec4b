import "server-only";
import { CoreV1Api, type KubeConfig, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { kubeStatusCode } from "./kube-errors";

/**
 * Sets spec.unschedulable = false, as `kubectl uncordon` does (a strategic merge patch, the mirror
 * of ./cordon-node.ts): the same patch again changes nothing. A 404 means the node is gone (its
 * instance was terminated or replaced): there is no capacity to give back, so it is "gone", not an
 * error. Any other failure is thrown, for the uncordon-nodes step to record.
 */
export async function uncordonNode(args: { kubeConfig: KubeConfig; nodeName: string }): Promise<"uncordoned" | "gone"> {
  const core = args.kubeConfig.makeApiClient(CoreV1Api);
  try {
    await core.patchNode(
      { name: args.nodeName, body: { spec: { unschedulable: false } } },
      // The generated client would send application/json-patch+json, which wants an ops array.
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
    return "uncordoned";
  } catch (error) {
    if (kubeStatusCode(error) === 404) return "gone";
    throw error;
  }
}
