// Mocked AWS clients (aws-sdk-client-mock) injected into the aws provider, and a readable list
// of the commands each client was sent, in order.
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { EKSClient } from "@aws-sdk/client-eks";
import type { KubeConfig } from "@kubernetes/client-node";
import { mockClient } from "aws-sdk-client-mock";
import type { PoolTarget } from "@/lib/fleet/provider";
import { createAwsFleetProvider } from "@/lib/fleet/providers/aws";

const fakeCredentials = { accessKeyId: "AKIDTEST", secretAccessKey: "secret" };

export function mockAws(opts: { kubeConfig?: KubeConfig } = {}) {
  const asgClient = new AutoScalingClient({ region: "us-east-1", credentials: fakeCredentials });
  const eksClient = new EKSClient({ region: "us-east-1", credentials: fakeCredentials });
  const asg = mockClient(asgClient);
  const eks = mockClient(eksClient);
  const regions: string[] = [];
  const provider = createAwsFleetProvider({
    autoScalingClient: (region) => (regions.push(region), asgClient),
    eksClient: (region) => (regions.push(region), eksClient),
    kubeConfig: () => {
      if (!opts.kubeConfig) throw new Error("this test did not expect Kubernetes calls");
      return opts.kubeConfig;
    },
  });
  return { asg, eks, provider, regions };
}

type Mock = ReturnType<typeof mockClient>;

/** [command name, input] for every call the client received, in order. */
export function sent(mock: Mock): [string, unknown][] {
  return mock.calls().map((call) => {
    const command = call.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name, command.input];
  });
}

let seq = 0;
export function uniquePool(overrides: Partial<PoolTarget> & Pick<PoolTarget, "backingKind">): PoolTarget {
  seq += 1;
  return {
    poolId: `pool-${seq}`,
    region: "us-east-1",
    backingId: `fleet-test-${seq}`,
    clusterName: overrides.backingKind === "asg" ? null : `cluster-${seq}`,
    instanceType: "trn2.48xlarge",
    ...overrides,
  };
}
