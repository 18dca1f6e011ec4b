import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The AWS calls Fleet Console makes. Changing this list is a decision: update it together with
// deploy/iam/fleet-console-policy.json and the code that makes the call.
const EXPECTED_ACTIONS = [
  "cloudwatch:GetMetricData",
  "autoscaling:DescribeAutoScalingGroups",
  "autoscaling:DescribeAutoScalingInstances",
  "autoscaling:SetDesiredCapacity",
  "autoscaling:SetInstanceProtection",
  "autoscaling:TerminateInstanceInAutoScalingGroup",
  "eks:DescribeCluster",
  "eks:DescribeNodegroup",
  "eks:UpdateNodegroupConfig",
  "eks:DescribeUpdate",
  "sts:GetCallerIdentity",
  // Inventory discovery (lib/inventory/): pools, instance types, reservations, launch templates, prices.
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeCapacityReservations",
  "ec2:DescribeLaunchTemplateVersions",
  "pricing:GetProducts",
  "eks:ListClusters",
  "eks:ListNodegroups",
  // The FOCUS billing export (lib/billing/s3-billing-export-source.ts): its bucket only.
  "s3:ListBucket",
  "s3:GetObject",
];
/**
 * Actions IAM cannot scope to a resource: "*" is the only valid Resource for them (the Service
 * Authorization Reference lists no resource type: EC2 Describe*, Auto Scaling Describe*,
 * pricing:GetProducts, eks:ListClusters, cloudwatch:GetMetricData, sts:GetCallerIdentity).
 */
const NO_RESOURCE_LEVEL = [
  "cloudwatch:GetMetricData",
  "autoscaling:DescribeAutoScalingGroups",
  "autoscaling:DescribeAutoScalingInstances",
  "sts:GetCallerIdentity",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeCapacityReservations",
  "ec2:DescribeLaunchTemplateVersions",
  "pricing:GetProducts",
  "eks:ListClusters",
];
/** What the inventory sync calls: reads only, none of them conditioned or able to change anything. */
const INVENTORY_READS = [
  "autoscaling:DescribeAutoScalingGroups",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeCapacityReservations",
  "ec2:DescribeLaunchTemplateVersions",
  "pricing:GetProducts",
  "eks:ListClusters",
  "eks:DescribeCluster",
  "eks:ListNodegroups",
  "eks:DescribeNodegroup",
  "cloudwatch:GetMetricData",
];
/** Actions that change the fleet: allowed only on resources tagged for Fleet Console. */
const MUTATING = [
  "autoscaling:SetDesiredCapacity",
  "autoscaling:SetInstanceProtection",
  "autoscaling:TerminateInstanceInAutoScalingGroup",
  "eks:UpdateNodegroupConfig",
];

type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
};
const policy = JSON.parse(readFileSync("deploy/iam/fleet-console-policy.json", "utf8")) as {
  Version: string;
  Statement: Statement[];
};
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
const statementsFor = (action: string) => policy.Statement.filter((s) => list(s.Action).includes(action));

describe("IAM policy (deploy/iam/fleet-console-policy.json)", () => {
  it("is a 2012-10-17 policy of Allow statements with unique Sids and no NotAction/NotResource", () => {
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement.length).toBeGreaterThan(0);
    for (const s of policy.Statement) {
      expect(s.Effect).toBe("Allow");
      expect(Object.keys(s).sort()).toEqual(expect.arrayContaining(["Action", "Effect", "Resource"]));
      expect(Object.keys(s).filter((k) => k.startsWith("Not"))).toEqual([]);
    }
    const sids = policy.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });

  it("grants exactly the actions the app calls, each once, with no wildcards", () => {
    const actions = policy.Statement.flatMap((s) => list(s.Action));
    expect([...actions].sort()).toEqual([...EXPECTED_ACTIONS].sort());
    for (const a of actions) expect(a).not.toContain("*");
  });

  it('uses Resource "*" only for actions without resource-level permissions', () => {
    for (const s of policy.Statement) {
      const wildcard = list(s.Resource).includes("*");
      for (const a of list(s.Action)) expect(wildcard, a).toBe(NO_RESOURCE_LEVEL.includes(a));
    }
  });

  it("scopes every mutating action to Auto Scaling groups / node groups tagged fleet-console/managed=true", () => {
    for (const action of MUTATING) {
      const [s, ...more] = statementsFor(action);
      expect(more, action).toEqual([]);
      expect(s?.Condition, action).toEqual({ StringEquals: { "aws:ResourceTag/fleet-console/managed": "true" } });
      const service = action.split(":")[0];
      for (const r of list(s!.Resource)) {
        expect(r).toMatch(
          service === "eks"
            ? /^arn:aws:eks:\*:\*:nodegroup\//
            : /^arn:aws:autoscaling:\*:\*:autoScalingGroup:\*:autoScalingGroupName\/\*$/,
        );
      }
    }
  });

  it("scopes the billing export reads to its bucket (ListObjectsV2 needs s3:ListBucket on the bucket)", () => {
    expect(statementsFor("s3:ListBucket").map((s) => s.Resource)).toEqual([
      "arn:aws:s3:::fleet-console-billing-exports",
    ]);
    expect(statementsFor("s3:GetObject").map((s) => s.Resource)).toEqual([
      "arn:aws:s3:::fleet-console-billing-exports/*",
    ]);
  });

  it("scopes EKS reads to cluster and node group ARNs", () => {
    for (const action of ["eks:DescribeCluster", "eks:ListNodegroups", "eks:DescribeNodegroup", "eks:DescribeUpdate"]) {
      const resources = statementsFor(action).flatMap((s) => list(s.Resource));
      expect(
        resources.every((r) => /^arn:aws:eks:\*:\*:(cluster|nodegroup)\//.test(r)),
        action,
      ).toBe(true);
    }
  });

  it("grants the inventory sync's reads, each in a statement with no condition and no mutating action", () => {
    for (const action of INVENTORY_READS) {
      const statements = statementsFor(action);
      expect(statements, action).toHaveLength(1);
      expect(statements[0]!.Condition, action).toBeUndefined();
      for (const a of list(statements[0]!.Action)) expect(MUTATING, `${action} beside ${a}`).not.toContain(a);
    }
    // ListNodegroups is authorized on the cluster it lists.
    expect(statementsFor("eks:ListNodegroups").flatMap((s) => list(s.Resource))).toContain("arn:aws:eks:*:*:cluster/*");
  });
});
