import "server-only";
import { CoreV1Api, type KubeConfig, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { kubeStatusCode } from "./kube-errors";

/**
 * Sets spec.unschedulable = true, as `kubectl cordon` does (a strategic merge patch): the same
 * patch again changes nothing. A node that no longer exists (its instance already terminated by
 * an earlier attempt) cannot take pods either, so 404 counts as done.
 */
export async function cordonNode(args: { kubeConfig: KubeConfig; nodeName: string }): Promise<void> {
  const core = args.kubeConfig.makeApiClient(CoreV1Api);
  try {
    await core.patchNode(
      { name: args.nodeName, body: { spec: { unschedulable: true } } },
      // The generated client would send application/json-patch+json, which wants an ops array.
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
  } catch (error) {
    if (kubeStatusCode(error) !== 404) throw error;
  }
}
