import "server-only";
import { type _InstanceType, type InstanceTypeInfo, paginateDescribeInstanceTypes } from "@aws-sdk/client-ec2";
import type { DiscoveredInstanceType } from "@/lib/inventory/types";
import { getEc2Client } from "./inventory-aws-clients";

/** DescribeInstanceTypes accepts at most 100 names per request. */
const NAMES_PER_REQUEST = 100;

/** What EC2 says about each named type in one region (a type the region does not offer is absent). */
export async function describeInstanceTypes(args: {
  region: string;
  instanceTypes: string[];
}): Promise<DiscoveredInstanceType[]> {
  const names = [...new Set(args.instanceTypes)].sort();
  const client = getEc2Client(args.region);
  const found: DiscoveredInstanceType[] = [];
  for (let i = 0; i < names.length; i += NAMES_PER_REQUEST) {
    // The SDK types names as a union of the types it knew when built; newer names are valid too.
    const batch = names.slice(i, i + NAMES_PER_REQUEST) as _InstanceType[];
    for await (const page of paginateDescribeInstanceTypes(
      { client, pageSize: NAMES_PER_REQUEST },
      { InstanceTypes: batch },
    )) {
      for (const info of page.InstanceTypes ?? []) found.push(toDiscoveredInstanceType(info));
    }
  }
  return found;
}

/**
 * Trainium: a Neuron device named Trainium*. Graviton: arm64 with no Neuron device. Anything else,
 * Inferentia included (Neuron devices, x86 host), is not a supported chip family: null.
 */
function toDiscoveredInstanceType(info: InstanceTypeInfo): DiscoveredInstanceType {
  const devices = info.NeuronInfo?.NeuronDevices ?? [];
  const architectures = info.ProcessorInfo?.SupportedArchitectures ?? [];
  const neuronDevices = devices.reduce((sum, d) => sum + (d.Count ?? 0), 0);
  const acceleratorName = devices[0]?.Name ?? null;
  const isTrainium = devices.some((d) => d.Name?.startsWith("Trainium"));
  const chipFamily = isTrainium
    ? "trainium"
    : neuronDevices === 0 && architectures.includes("arm64")
      ? "graviton"
      : null;
  return {
    instanceType: info.InstanceType!,
    chipFamily,
    architectures,
    vcpus: info.VCpuInfo?.DefaultVCpus ?? 0,
    memoryMib: info.MemoryInfo?.SizeInMiB ?? 0,
    neuronDevices,
    neuronCoresPerDevice: devices[0]?.CoreInfo?.Count ?? 0,
    acceleratorName: neuronDevices > 0 ? acceleratorName : null,
  };
}
