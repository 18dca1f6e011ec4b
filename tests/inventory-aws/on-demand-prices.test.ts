// GetProducts through the real Pricing client and the awsJson1_1 stand-in: the TERM_MATCH filters
// on the wire, the price read from each product's JSON string, types without a price left out,
// pagination, ThrottlingException retried, AccessDeniedException rendered.
import { describe, expect, it } from "vitest";
import { countApiCalls } from "@/lib/inventory/aws/api-call-counter";
import { describeAwsError } from "@/lib/inventory/aws/describe-aws-error";
import { getOnDemandPrices } from "@/lib/inventory/aws/get-on-demand-prices";
import { type FakeAwsState, linuxPrice } from "../aws-standins";
import { useAwsStandins } from "./use-aws-standins";

const state: FakeAwsState = {
  regions: {},
  priceList: [
    linuxPrice("trn1.32xlarge", "us-east-1", "21.5000000000", "SKUTRN132USE1"),
    linuxPrice("trn2.48xlarge", "us-east-1", "44.7010000000", "SKUTRN248USE1"),
    linuxPrice("c7g.16xlarge", "us-east-1", "2.3200000000", "SKUC7G16USE1"),
    // Same type elsewhere, or with other software: not what was asked for.
    linuxPrice("c7g.16xlarge", "eu-west-1", "2.5700000000", "SKUC7G16EUW1"),
    { ...linuxPrice("trn1.32xlarge", "us-east-1", "23.0000000000", "SKUTRN132WIN"), operatingSystem: "Windows" },
    // A product with no on-demand term: the type has no price.
    linuxPrice("m5.xlarge", "us-east-1", null, "SKUM5XLUSE1"),
    // 240 products without a price before the one that has it: three pages of 100.
    ...Array.from({ length: 240 }, (_, i) =>
      linuxPrice("trn1n.32xlarge", "us-east-1", null, `SKUTRN1NFILL${String(i).padStart(3, "0")}`),
    ),
    linuxPrice("trn1n.32xlarge", "us-east-1", "24.7800000000", "SKUTRN1NUSE1"),
  ],
};
const aws = useAwsStandins(state);

const filtersFor = (instanceType: string) => [
  { Type: "TERM_MATCH", Field: "instanceType", Value: instanceType },
  { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
  { Type: "TERM_MATCH", Field: "operatingSystem", Value: "Linux" },
  { Type: "TERM_MATCH", Field: "tenancy", Value: "Shared" },
  { Type: "TERM_MATCH", Field: "preInstalledSw", Value: "NA" },
  { Type: "TERM_MATCH", Field: "capacitystatus", Value: "Used" },
];

describe("getOnDemandPrices", () => {
  it("asks the Price List API per type and reads USD per hour from each product", async () => {
    const prices = await getOnDemandPrices({
      pricingRegion: "us-east-1",
      region: "us-east-1",
      instanceTypes: ["trn2.48xlarge", "trn1.32xlarge", "c7g.16xlarge", "m5.xlarge", "inf2.48xlarge"],
    });

    const sent = aws.current.requests.map((r) => [r.service, r.region, r.action, r.params]);
    const byType = (r: unknown[]) => JSON.stringify(r[3]);
    expect(sent.sort((a, b) => byType(a).localeCompare(byType(b)))).toEqual(
      ["c7g.16xlarge", "inf2.48xlarge", "m5.xlarge", "trn1.32xlarge", "trn2.48xlarge"].map((type) => [
        "pricing",
        "us-east-1",
        "GetProducts",
        { ServiceCode: "AmazonEC2", Filters: filtersFor(type), FormatVersion: "aws_v1", MaxResults: 100 },
      ]),
    );
    expect(prices.sort((a, b) => a.instanceType.localeCompare(b.instanceType))).toEqual([
      { instanceType: "c7g.16xlarge", region: "us-east-1", onDemandUsdPerHour: 2.32, sku: "SKUC7G16USE1" },
      { instanceType: "trn1.32xlarge", region: "us-east-1", onDemandUsdPerHour: 21.5, sku: "SKUTRN132USE1" },
      { instanceType: "trn2.48xlarge", region: "us-east-1", onDemandUsdPerHour: 44.701, sku: "SKUTRN248USE1" },
    ]);
  });

  it("pages on until a product with a price turns up", async () => {
    const run = await countApiCalls(() =>
      getOnDemandPrices({ pricingRegion: "us-east-1", region: "us-east-1", instanceTypes: ["trn1n.32xlarge"] }),
    );

    expect(aws.current.requests.map((r) => r.params.NextToken)).toEqual([undefined, "page-MTAw", "page-MjAw"]);
    expect(run.apiCalls).toBe(3);
    expect(run.ok && run.result).toEqual([
      { instanceType: "trn1n.32xlarge", region: "us-east-1", onDemandUsdPerHour: 24.78, sku: "SKUTRN1NUSE1" },
    ]);
  });

  it("retries ThrottlingException and counts the attempts", async () => {
    aws.current.faults.throttleNext("pricing", "GetProducts", 1);
    const run = await countApiCalls(() =>
      getOnDemandPrices({ pricingRegion: "us-east-1", region: "us-east-1", instanceTypes: ["trn1.32xlarge"] }),
    );

    expect(run.ok && run.result.map((p) => p.onDemandUsdPerHour)).toEqual([21.5]);
    expect(aws.current.requests.map((r) => [r.outcome, r.attempt])).toEqual([
      ["throttled", "attempt=1; max=3"],
      ["ok", "attempt=2; max=3"],
    ]);
    expect(run.apiCalls).toBe(2);
  });

  it("lets AccessDeniedException through, rendered for operators", async () => {
    aws.current.faults.denyRegion("us-east-1", "pricing");
    const run = await countApiCalls(() =>
      getOnDemandPrices({ pricingRegion: "us-east-1", region: "us-east-1", instanceTypes: ["trn1.32xlarge"] }),
    );

    expect(run.apiCalls).toBe(1);
    expect(!run.ok && describeAwsError(run.error)).toBe(
      "Pricing AccessDeniedException: User is not authorized to perform: pricing:GetProducts",
    );
  });
});
