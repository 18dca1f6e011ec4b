// Auto Scaling groups as pools, through the real Auto Scaling and EC2 clients and the awsQuery /
// ec2Query stand-ins: tag filters on the wire, EKS- and Karpenter-owned groups left to their
// sources, the instance type from overrides, instances or the launch template, pagination,
// throttling and access denied.
import { describe, expect, it } from "vitest";
import { countApiCalls } from "@/lib/inventory/aws/api-call-counter";
import { describeAwsError } from "@/lib/inventory/aws/describe-aws-error";
import { discoverAsgPools } from "@/lib/inventory/aws/discover-asg-pools";
import { type FakeAsg, type FakeAwsState, makeFleetState } from "../aws-standins";
import { useAwsStandins } from "./use-aws-standins";

const fleetTags = { fleet: "ai", "cost-center": "ml-42" };
const group = (g: Partial<FakeAsg> & Pick<FakeAsg, "name">): FakeAsg => ({
  minSize: 0,
  maxSize: 4,
  desiredCapacity: 0,
  availabilityZones: ["us-west-2a"],
  tags: fleetTags,
  instances: [],
  ...g,
});

const state: FakeAwsState = {
  regions: {
    "us-west-2": {
      instanceTypes: [],
      reservations: [],
      launchTemplates: [
        {
          id: "lt-0a1b2c3d4e5f60001",
          name: "embed",
          defaultVersion: 2,
          versions: [
            { versionNumber: 1, instanceType: "m7g.8xlarge" },
            { versionNumber: 2, instanceType: "c7g.16xlarge" },
          ],
        },
        { id: "lt-0a1b2c3d4e5f60002", name: "abs", defaultVersion: 1, versions: [{ versionNumber: 1 }] },
      ],
      asgs: [
        group({
          name: "llm-70b-trn1",
          minSize: 1,
          desiredCapacity: 2,
          maxSize: 6,
          availabilityZones: ["us-west-2a", "us-west-2b"],
          tags: { ...fleetTags, model: "llama-70b", team: "serving" },
          mixedInstances: {
            launchTemplate: { id: "lt-0a1b2c3d4e5f60009", name: "llm", version: "$Latest" },
            overrideTypes: ["trn1.32xlarge", "trn1n.32xlarge"],
          },
          instances: [
            { id: "i-01", instanceType: "trn1n.32xlarge", availabilityZone: "us-west-2a", lifecycleState: "InService" },
          ],
        }),
        group({
          name: "ranker-trn2",
          desiredCapacity: 2,
          tags: { ...fleetTags, model: "ranker-v3" },
          instances: [
            { id: "i-02", instanceType: "m5.xlarge", availabilityZone: "us-west-2a", lifecycleState: "Pending" },
            { id: "i-03", instanceType: "trn2.48xlarge", availabilityZone: "us-west-2a", lifecycleState: "InService" },
          ],
        }),
        group({
          name: "embed-default",
          tags: { ...fleetTags, model: "embed-small" },
          launchTemplate: { id: "lt-0a1b2c3d4e5f60001", name: "embed" },
        }),
        group({
          name: "embed-pinned",
          launchTemplate: { id: "lt-0a1b2c3d4e5f60001", name: "embed", version: "1" },
        }),
        group({
          name: "abs-selection",
          launchTemplate: { id: "lt-0a1b2c3d4e5f60002", name: "abs", version: "$Default" },
        }),
        group({ name: "eks-ng", tags: { ...fleetTags, "eks:cluster-name": "ml", "eks:nodegroup-name": "trn" } }),
        group({ name: "karpenter-made", tags: { ...fleetTags, "karpenter.sh/nodepool": "trn2" } }),
        group({ name: "web-frontend", tags: { team: "web" } }),
      ],
    },
  },
  priceList: [],
};
Object.assign(
  state.regions,
  makeFleetState({ regions: ["eu-west-1"], poolsPerRegion: 250, eksOwnedPerRegion: 5 }).regions,
);

const aws = useAwsStandins(state);
const tagFilters = [{ key: "fleet", values: ["ai"] }, { key: "cost-center" }];

describe("discoverAsgPools", () => {
  it("finds the fleet's plain groups and their instance types", async () => {
    const pools = await discoverAsgPools({ region: "us-west-2", tagFilters, modelTag: "model" });

    const sent = aws.current.requests.map((r) => [r.service, r.region, r.action, r.params]);
    expect(sent[0]).toEqual([
      "autoscaling",
      "us-west-2",
      "DescribeAutoScalingGroups",
      {
        MaxRecords: "100",
        "Filters.member.1.Name": "tag:fleet",
        "Filters.member.1.Values.member.1": "ai",
        "Filters.member.2.Name": "tag-key",
        "Filters.member.2.Values.member.1": "cost-center",
      },
    ]);
    // One request per template (sent concurrently, so in any order), naming every version in use;
    // none for the groups their overrides or instances already settled.
    const byTemplate = (r: unknown[]) => String((r[3] as Record<string, string>).LaunchTemplateId);
    expect(sent.slice(1).sort((a, b) => byTemplate(a).localeCompare(byTemplate(b)))).toEqual([
      [
        "ec2",
        "us-west-2",
        "DescribeLaunchTemplateVersions",
        {
          LaunchTemplateId: "lt-0a1b2c3d4e5f60001",
          "LaunchTemplateVersion.1": "$Default",
          "LaunchTemplateVersion.2": "1",
        },
      ],
      [
        "ec2",
        "us-west-2",
        "DescribeLaunchTemplateVersions",
        { LaunchTemplateId: "lt-0a1b2c3d4e5f60002", "LaunchTemplateVersion.1": "$Default" },
      ],
    ]);
    expect(pools.map((p) => [p.backingId, p.instanceType, p.modelLabels])).toEqual([
      ["llm-70b-trn1", "trn1.32xlarge", ["llama-70b"]],
      ["ranker-trn2", "trn2.48xlarge", ["ranker-v3"]],
      ["embed-default", "c7g.16xlarge", ["embed-small"]],
      ["embed-pinned", "m7g.8xlarge", []],
    ]);
    expect(pools[0]).toEqual({
      sourceKey: "asg/us-west-2/llm-70b-trn1",
      scope: "autoscaling/us-west-2",
      backingKind: "asg",
      backingId: "llm-70b-trn1",
      clusterName: null,
      region: "us-west-2",
      instanceType: "trn1.32xlarge",
      availabilityZones: ["us-west-2a", "us-west-2b"],
      minCapacity: 1,
      desiredCapacity: 2,
      maxCapacity: 6,
      modelLabels: ["llama-70b"],
      tags: { fleet: "ai", "cost-center": "ml-42", model: "llama-70b", team: "serving" },
    });
  });

  it("leaves out a group whose launch template is gone, keeping the rest of the region", async () => {
    state.regions["us-west-1"] = {
      instanceTypes: [],
      reservations: [],
      launchTemplates: [
        {
          id: "lt-0f0000000000000a1",
          name: "by-name",
          defaultVersion: 1,
          versions: [{ versionNumber: 1, instanceType: "trn1.32xlarge" }],
        },
      ],
      asgs: [
        group({ name: "template-deleted", launchTemplate: { id: "lt-0f00000000000dead", name: "gone" } }),
        group({ name: "template-by-name", launchTemplate: { name: "by-name", version: "$Latest" } }),
      ],
    };
    const run = await countApiCalls(() => discoverAsgPools({ region: "us-west-1", tagFilters, modelTag: "model" }));

    expect(run.ok && run.result.map((p) => [p.backingId, p.instanceType])).toEqual([
      ["template-by-name", "trn1.32xlarge"],
    ]);
    const lookups = aws.current.requests.filter((r) => r.action === "DescribeLaunchTemplateVersions");
    expect(
      lookups.map((r) => [r.params, r.outcome]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([
      [{ LaunchTemplateId: "lt-0f00000000000dead", "LaunchTemplateVersion.1": "$Default" }, "error"],
      [{ LaunchTemplateName: "by-name", "LaunchTemplateVersion.1": "$Latest" }, "ok"],
    ]);
  });

  it("pages through 255 groups 100 at a time and counts every request", async () => {
    const run = await countApiCalls(() =>
      discoverAsgPools({ region: "eu-west-1", tagFilters: [{ key: "fleet", values: ["ai"] }], modelTag: "model" }),
    );

    const pages = aws.current.requests.filter((r) => r.action === "DescribeAutoScalingGroups");
    expect(pages.map((r) => r.params.NextToken)).toEqual([undefined, "page-MTAw", "page-MjAw"]);
    expect(pages.every((r) => r.params.MaxRecords === "100")).toBe(true);
    expect(run.ok && run.result.length).toBe(250); // the 5 EKS node-group groups are left out
    expect(run.ok && run.result.some((p) => p.backingId.startsWith("eks-ng-"))).toBe(false);
    // Every third generated group is scaled to zero without overrides: 83 launch template lookups.
    expect(aws.current.requests.filter((r) => r.action === "DescribeLaunchTemplateVersions")).toHaveLength(83);
    expect(run.apiCalls).toBe(3 + 83);
  });

  it("retries Throttling and counts the attempts", async () => {
    aws.current.faults.throttleNext("autoscaling", "DescribeAutoScalingGroups", 2);
    const run = await countApiCalls(() => discoverAsgPools({ region: "us-west-2", tagFilters, modelTag: "model" }));

    expect(run.ok && run.result.map((p) => p.backingId)).toEqual([
      "llm-70b-trn1",
      "ranker-trn2",
      "embed-default",
      "embed-pinned",
    ]);
    expect(aws.current.requests.filter((r) => r.service === "autoscaling").map((r) => [r.outcome, r.attempt])).toEqual([
      ["throttled", "attempt=1; max=3"],
      ["throttled", "attempt=2; max=3"],
      ["ok", "attempt=3; max=3"],
    ]);
    expect(run.apiCalls).toBe(3 + 2);
  });

  it("fails on a region that denies access, with an error operators can read", async () => {
    aws.current.faults.denyRegion("us-west-2", "autoscaling");
    const run = await countApiCalls(() => discoverAsgPools({ region: "us-west-2", tagFilters, modelTag: "model" }));

    expect(run.ok).toBe(false);
    expect(run.apiCalls).toBe(1);
    expect(!run.ok && describeAwsError(run.error)).toBe(
      "Auto Scaling AccessDenied: User: arn:aws:iam::123456789012:user/fleet-console is not authorized to perform: autoscaling:DescribeAutoScalingGroups because no identity-based policy allows the autoscaling:DescribeAutoScalingGroups action",
    );
  });
});
