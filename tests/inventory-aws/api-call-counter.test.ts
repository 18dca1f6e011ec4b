// countApiCalls keeps concurrent scopes apart (they share one client per service and region), adds
// nested counts to the enclosing one, and reports a failure's requests and duration.
import { describe, expect, it } from "vitest";
import { countApiCalls } from "@/lib/inventory/aws/api-call-counter";
import { describeInstanceTypes } from "@/lib/inventory/aws/describe-instance-types";
import { discoverCapacityReservations } from "@/lib/inventory/aws/discover-capacity-reservations";
import { makeFleetState } from "../aws-standins";
import { useAwsStandins } from "./use-aws-standins";

const aws = useAwsStandins(makeFleetState({ regions: ["us-east-1"], poolsPerRegion: 0, reservationsPerRegion: 2001 }));

describe("countApiCalls", () => {
  it("counts each concurrent scope's own requests on a shared client", async () => {
    const [reservations, types] = await Promise.all([
      countApiCalls(() => discoverCapacityReservations({ region: "us-east-1" })),
      countApiCalls(() => describeInstanceTypes({ region: "us-east-1", instanceTypes: ["m5.xlarge"] })),
    ]);

    expect(reservations.apiCalls).toBe(3);
    expect(types.apiCalls).toBe(1);
    expect(aws.current.requests).toHaveLength(4);
  });

  it("adds a nested count to the enclosing one", async () => {
    const outer = await countApiCalls(async () => {
      const inner = await countApiCalls(() => discoverCapacityReservations({ region: "us-east-1" }));
      await describeInstanceTypes({ region: "us-east-1", instanceTypes: ["m5.xlarge"] });
      return inner.apiCalls;
    });

    expect(outer.ok && outer.result).toBe(3);
    expect(outer.apiCalls).toBe(4);
  });

  it("reports a failed scope's requests and duration with the SDK's own error", async () => {
    aws.current.faults.throttleNext("ec2", "DescribeInstanceTypes", 3);
    const run = await countApiCalls(() => describeInstanceTypes({ region: "us-east-1", instanceTypes: ["m5.xlarge"] }));

    expect(run.ok).toBe(false);
    expect(!run.ok && (run.error as Error).name).toBe("RequestLimitExceeded");
    expect(run.apiCalls).toBe(3); // maxAttempts 3
    expect(run.durationMs).toBeGreaterThan(0);
  });
});
