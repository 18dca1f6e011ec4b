import { randomBytes } from "node:crypto";
import { streamOf } from "@/lib/simulator/noise";

// EC2-shaped identifiers for the simulated fleet: deterministic for seeded instances (so the same
// seed gives the same fleet), random for instances launched later.
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0").slice(-width);

export function seededInstanceId(poolId: string, index: number): string {
  return `i-0${hex(streamOf(`${poolId}#${index}`), 8)}${hex(streamOf(`${index}#${poolId}`), 8)}`;
}

export function newInstanceId(): string {
  return `i-0${randomBytes(8).toString("hex")}`;
}

export function nodeNameFor(instanceId: string, region: string): string {
  const h = streamOf(instanceId);
  return `ip-10-${(h >>> 16) & 0xff}-${(h >>> 8) & 0xff}-${h & 0xff}.${region}.compute.internal`;
}

/** Pods a node runs: a DaemonSet agent and two model-server replicas under the model's PDB. */
export function podsFor(instanceId: string, modelId: string, chip: "trainium" | "graviton") {
  const suffix = hex(streamOf(instanceId), 5);
  return [
    {
      name: `${chip === "trainium" ? "neuron-device-plugin" : "aws-node"}-${suffix}`,
      namespace: "kube-system",
      daemonSet: true,
      pdbName: null,
    },
    { name: `${modelId}-server-${suffix}a`, namespace: "inference", daemonSet: false, pdbName: `${modelId}-pdb` },
    { name: `${modelId}-server-${suffix}b`, namespace: "inference", daemonSet: false, pdbName: `${modelId}-pdb` },
  ];
}
