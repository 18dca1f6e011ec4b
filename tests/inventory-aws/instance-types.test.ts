// DescribeInstanceTypes through the real EC2 client and the EC2 query-protocol stand-in: chip family
// and Neuron counts per type, ≤100 names per request, retries on RequestLimitExceeded, access denied.
import { describe, expect, it } from "vitest";
import { countApiCalls } from "@/lib/inventory/aws/api-call-counter";
import { describeAwsError } from "@/lib/inventory/aws/describe-aws-error";
import { describeInstanceTypes } from "@/lib/inventory/aws/describe-instance-types";
import { type FakeAwsState, INSTANCE_TYPES } from "../aws-standins";
import { useAwsStandins } from "./use-aws-standins";

const synthetic = Array.from({ length: 230 }, (_, i) => ({
  instanceType: `zz${i}.large`,
  vcpus: 2,
  memoryMib: 4096,
  architectures: ["x86_64"],
}));
const state: FakeAwsState = {
  regions: {
    "us-east-1": { asgs: [], launchTemplates: [], reservations: [], instanceTypes: Object.values(INSTANCE_TYPES) },
    "eu-west-1": { asgs: [], launchTemplates: [], reservations: [], instanceTypes: synthetic },
  },
  priceList: [],
};
const aws = useAwsStandins(state);

describe("describeInstanceTypes", () => {
  it("maps Trainium, Graviton, Inferentia and x86 types as EC2 describes them", async () => {
    const types = await describeInstanceTypes({
      region: "us-east-1",
      instanceTypes: ["trn2.48xlarge", "trn1.32xlarge", "inf2.48xlarge", "c7g.16xlarge", "m5.xlarge", "trn1.32xlarge"],
    });

    expect(aws.current.requests.map((r) => [r.service, r.region, r.action, r.params])).toEqual([
      [
        "ec2",
        "us-east-1",
        "DescribeInstanceTypes",
        {
          "InstanceType.1": "c7g.16xlarge",
          "InstanceType.2": "inf2.48xlarge",
          "InstanceType.3": "m5.xlarge",
          "InstanceType.4": "trn1.32xlarge",
          "InstanceType.5": "trn2.48xlarge",
          MaxResults: "100",
        },
      ],
    ]);
    const byName = Object.fromEntries(types.map((t) => [t.instanceType, t]));
    expect(Object.keys(byName).sort()).toEqual([
      "c7g.16xlarge",
      "inf2.48xlarge",
      "m5.xlarge",
      "trn1.32xlarge",
      "trn2.48xlarge",
    ]);
    expect(byName["trn1.32xlarge"]).toEqual({
      instanceType: "trn1.32xlarge",
      chipFamily: "trainium",
      architectures: ["x86_64"],
      vcpus: 128,
      memoryMib: 524288,
      neuronDevices: 16,
      neuronCoresPerDevice: 2,
      acceleratorName: "Trainium",
    });
    // 16 Trainium2 chips × 8 physical NeuronCore-v3 (EC2's CoreInfo.Count); 64 logical at LNC=2.
    expect(byName["trn2.48xlarge"]).toEqual({
      instanceType: "trn2.48xlarge",
      chipFamily: "trainium",
      architectures: ["x86_64"],
      vcpus: 192,
      memoryMib: 2097152,
      neuronDevices: 16,
      neuronCoresPerDevice: 8,
      acceleratorName: "Trainium2",
    });
    expect(byName["inf2.48xlarge"]).toEqual({
      instanceType: "inf2.48xlarge",
      chipFamily: null,
      architectures: ["x86_64"],
      vcpus: 192,
      memoryMib: 786432,
      neuronDevices: 12,
      neuronCoresPerDevice: 2,
      acceleratorName: "Inferentia2",
    });
    expect(byName["c7g.16xlarge"]).toEqual({
      instanceType: "c7g.16xlarge",
      chipFamily: "graviton",
      architectures: ["arm64"],
      vcpus: 64,
      memoryMib: 131072,
      neuronDevices: 0,
      neuronCoresPerDevice: 0,
      acceleratorName: null,
    });
    expect(byName["m5.xlarge"]).toEqual({
      instanceType: "m5.xlarge",
      chipFamily: null,
      architectures: ["i386", "x86_64"],
      vcpus: 4,
      memoryMib: 16384,
      neuronDevices: 0,
      neuronCoresPerDevice: 0,
      acceleratorName: null,
    });
  });

  it("asks for at most 100 names per request (230 names: 3 requests)", async () => {
    const names = synthetic.map((t) => t.instanceType);
    const run = await countApiCalls(() => describeInstanceTypes({ region: "eu-west-1", instanceTypes: names }));

    expect(run.ok && run.result.length).toBe(230);
    expect(run.apiCalls).toBe(3);
    const sent = aws.current.requests.map((r) => Object.keys(r.params).filter((k) => k.startsWith("InstanceType.")));
    expect(sent.map((keys) => keys.length)).toEqual([100, 100, 30]);
    // Sorted names: zz0, zz1, zz10, zz100, … so the second request starts at the 101st.
    expect(aws.current.requests[0]!.params["InstanceType.1"]).toBe("zz0.large");
    expect(aws.current.requests[2]!.params["InstanceType.30"]).toBe("zz99.large");
  });

  it("retries RequestLimitExceeded (HTTP 503) and counts every attempt", async () => {
    aws.current.faults.throttleNext("ec2", "DescribeInstanceTypes", 2);
    const run = await countApiCalls(() => describeInstanceTypes({ region: "us-east-1", instanceTypes: ["m5.xlarge"] }));

    expect(run.ok && run.result.map((t) => t.instanceType)).toEqual(["m5.xlarge"]);
    expect(run.apiCalls).toBe(3);
    expect(aws.current.requests.map((r) => [r.outcome, r.attempt])).toEqual([
      ["throttled", "attempt=1; max=3"],
      ["throttled", "attempt=2; max=3"],
      ["ok", "attempt=3; max=3"],
    ]);
  });

  it("lets UnauthorizedOperation through, rendered for operators", async () => {
    aws.current.faults.denyRegion("us-east-1", "ec2");
    const run = await countApiCalls(() => describeInstanceTypes({ region: "us-east-1", instanceTypes: ["m5.xlarge"] }));

    expect(run.ok).toBe(false);
    expect(run.apiCalls).toBe(1);
    expect(!run.ok && describeAwsError(run.error)).toBe(
      "EC2 UnauthorizedOperation: You are not authorized to perform this operation.",
    );
  });
});
