// DescribeCapacityReservations through the real EC2 client and the ec2Query stand-in: every field
// of the contract, Capacity Blocks told from default reservations, "unlimited" end dates, pages.
import { describe, expect, it } from "vitest";
import { countApiCalls } from "@/lib/inventory/aws/api-call-counter";
import { describeAwsError } from "@/lib/inventory/aws/describe-aws-error";
import { discoverCapacityReservations } from "@/lib/inventory/aws/discover-capacity-reservations";
import { type FakeAwsState, makeFleetState } from "../aws-standins";
import { useAwsStandins } from "./use-aws-standins";

const state: FakeAwsState = {
  regions: {
    "us-east-1": {
      asgs: [],
      launchTemplates: [],
      instanceTypes: [],
      reservations: [
        {
          id: "cr-0a11b22c33d44e55f",
          instanceType: "trn2.48xlarge",
          availabilityZone: "us-east-1d",
          totalInstanceCount: 4,
          availableInstanceCount: 1,
          state: "active",
          startDate: new Date("2026-12-03T11:30:00Z"),
          endDate: new Date("2026-12-17T11:30:00Z"),
          endDateType: "limited",
          instanceMatchCriteria: "targeted",
          reservationType: "capacity-block",
          tags: { Name: "trn2 block december" },
        },
        {
          id: "cr-0b11b22c33d44e55f",
          instanceType: "trn1.32xlarge",
          availabilityZone: "us-east-1a",
          totalInstanceCount: 8,
          availableInstanceCount: 3,
          state: "active",
          startDate: new Date("2026-06-01T00:00:00Z"),
          endDateType: "unlimited",
          instanceMatchCriteria: "open",
          reservationType: "default",
          tags: { fleet: "ai", team: "serving" },
        },
        {
          // Older reservations may come without ReservationType: a default one.
          id: "cr-0c11b22c33d44e55f",
          instanceType: "trn1.32xlarge",
          availabilityZone: "us-east-1b",
          totalInstanceCount: 2,
          availableInstanceCount: 0,
          state: "expired",
          startDate: new Date("2026-01-01T00:00:00Z"),
          endDate: new Date("2026-03-01T00:00:00Z"),
          endDateType: "limited",
          instanceMatchCriteria: "open",
          tags: {},
        },
      ],
    },
  },
  priceList: [],
};
Object.assign(
  state.regions,
  makeFleetState({ regions: ["ap-northeast-1"], poolsPerRegion: 0, reservationsPerRegion: 2500 }).regions,
);
const aws = useAwsStandins(state);

describe("discoverCapacityReservations", () => {
  it("maps every field, Capacity Blocks and unlimited end dates included", async () => {
    const found = await discoverCapacityReservations({ region: "us-east-1" });

    expect(aws.current.requests.map((r) => [r.service, r.region, r.action, r.params])).toEqual([
      ["ec2", "us-east-1", "DescribeCapacityReservations", { MaxResults: "1000" }],
    ]);
    expect(found).toEqual([
      {
        id: "cr-0a11b22c33d44e55f",
        scope: "ec2/us-east-1",
        instanceType: "trn2.48xlarge",
        region: "us-east-1",
        availabilityZone: "us-east-1d",
        totalInstanceCount: 4,
        availableInstanceCount: 1,
        state: "active",
        startAt: new Date("2026-12-03T11:30:00Z"),
        endAt: new Date("2026-12-17T11:30:00Z"),
        instanceMatchCriteria: "targeted",
        reservationType: "capacity-block",
        tags: { Name: "trn2 block december" },
      },
      {
        id: "cr-0b11b22c33d44e55f",
        scope: "ec2/us-east-1",
        instanceType: "trn1.32xlarge",
        region: "us-east-1",
        availabilityZone: "us-east-1a",
        totalInstanceCount: 8,
        availableInstanceCount: 3,
        state: "active",
        startAt: new Date("2026-06-01T00:00:00Z"),
        endAt: null,
        instanceMatchCriteria: "open",
        reservationType: "default",
        tags: { fleet: "ai", team: "serving" },
      },
      {
        id: "cr-0c11b22c33d44e55f",
        scope: "ec2/us-east-1",
        instanceType: "trn1.32xlarge",
        region: "us-east-1",
        availabilityZone: "us-east-1b",
        totalInstanceCount: 2,
        availableInstanceCount: 0,
        state: "expired",
        startAt: new Date("2026-01-01T00:00:00Z"),
        endAt: new Date("2026-03-01T00:00:00Z"),
        instanceMatchCriteria: "open",
        reservationType: "default",
        tags: {},
      },
    ]);
  });

  it("pages through 2,500 reservations 1,000 at a time", async () => {
    const run = await countApiCalls(() => discoverCapacityReservations({ region: "ap-northeast-1" }));

    expect(aws.current.requests.map((r) => r.params)).toEqual([
      { MaxResults: "1000" },
      { MaxResults: "1000", NextToken: "page-MTAwMA" },
      { MaxResults: "1000", NextToken: "page-MjAwMA" },
    ]);
    expect(run.apiCalls).toBe(3);
    expect(run.ok && run.result.length).toBe(2500);
    expect(run.ok && run.result.filter((r) => r.reservationType === "capacity-block").length).toBe(1250);
  });

  it("retries RequestLimitExceeded and still reads every page", async () => {
    aws.current.faults.throttleNext("ec2", "DescribeCapacityReservations", 1);
    const run = await countApiCalls(() => discoverCapacityReservations({ region: "ap-northeast-1" }));

    expect(run.ok && new Set(run.result.map((r) => r.id)).size).toBe(2500);
    expect(run.apiCalls).toBe(4);
  });

  it("lets UnauthorizedOperation through", async () => {
    aws.current.faults.denyRegion("us-east-1");
    const run = await countApiCalls(() => discoverCapacityReservations({ region: "us-east-1" }));

    expect(!run.ok && describeAwsError(run.error)).toBe(
      "EC2 UnauthorizedOperation: You are not authorized to perform this operation.",
    );
  });
});
