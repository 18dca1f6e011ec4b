// The benchmark-size account: 1,000 fleet ASGs (and EKS-owned ones) over 6 regions, discovered
// region by region in parallel as the sync will, each region's requests counted apart.
import { describe, expect, it } from "vitest";
import { countApiCalls } from "@/lib/inventory/aws/api-call-counter";
import { discoverAsgPools } from "@/lib/inventory/aws/discover-asg-pools";
import { makeFleetState } from "../aws-standins";
import { useAwsStandins } from "./use-aws-standins";

const regions = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1"];
const aws = useAwsStandins(makeFleetState({ regions, poolsPerRegion: 0, totalPools: 1000, eksOwnedPerRegion: 10 }));

describe("1,000 ASGs over 6 regions", () => {
  it("finds every fleet pool once, with each region's request count", async () => {
    const runs = await Promise.all(
      regions.map((region) =>
        countApiCalls(() =>
          discoverAsgPools({ region, tagFilters: [{ key: "fleet", values: ["ai"] }], modelTag: "model" }),
        ),
      ),
    );

    const pools = runs.flatMap((r) => (r.ok ? r.result : []));
    expect(pools).toHaveLength(1000);
    expect(new Set(pools.map((p) => p.sourceKey)).size).toBe(1000);
    // 167 pools (first 4 regions) or 166, plus 10 EKS-owned groups: 2 pages each. Pools 2, 5, …, 164
    // are scaled to zero and need their launch template: 55 lookups in either case.
    expect(runs.map((r) => r.apiCalls)).toEqual([57, 57, 57, 57, 57, 57]);
    expect(aws.current.requests).toHaveLength(6 * 57);
  });
});
