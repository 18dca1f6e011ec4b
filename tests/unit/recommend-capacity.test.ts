// Capacity recommendations priced at the margin. Every expected dollar figure is worked out by hand
// in the comment above it (instances × $/h × hours); none is produced by the code under test.
import { describe, expect, it } from "vitest";
import {
  recommendCapacity,
  type ModelFacts,
  type PoolFacts,
  type ReservationFacts,
} from "@/lib/capacity/recommend-capacity";
import { hoursInMonth } from "@/lib/capacity/review-month";

const NOVEMBER = { hours: 720, monthLabel: "November 2026" };
const FEBRUARY = { hours: 672, monthLabel: "February 2026" };
const JANUARY = { hours: 744, monthLabel: "January 2027" };

const pool = (over: Partial<PoolFacts>): PoolFacts => ({
  id: "p",
  modelIds: ["m"],
  chipFamily: "trainium",
  region: "us-east-1",
  instanceType: "trn2.48xlarge",
  minCapacity: 2,
  desiredCapacity: 10,
  onDemandUsdPerHour: 40,
  reservedInstances: 0,
  avgInstances: 10,
  unitsPerSecond: 500,
  utilizationPct: 65,
  peakUtilizationPct: 70, // between the drain (60 %) and hot (95 %) thresholds: no pool rule fires
  sloAttainmentPct: 100,
  avgIdleReservedInstances: 0,
  reservedUsdPerInstanceHour: 0,
  ...over,
});

const reservation = (over: Partial<ReservationFacts>): ReservationFacts => ({
  id: "cr-1",
  poolId: "p",
  instanceType: "trn1.32xlarge",
  instanceCount: 10,
  daysLeft: 12,
  usdPerInstanceHour: 13.1,
  onDemandUsdPerHour: 21.5,
  ...over,
});

const run = (over: Partial<Parameters<typeof recommendCapacity>[0]>) =>
  recommendCapacity({ pools: [], models: [], reservations: [], horizon: NOVEMBER, ...over });

describe("month length", () => {
  it("is the real number of hours in the month", () => {
    expect(hoursInMonth("2026-02")).toBe(672); // 28 × 24
    expect(hoursInMonth("2028-02")).toBe(696); // 29 × 24
    expect(hoursInMonth("2026-11")).toBe(720); // 30 × 24
    expect(hoursInMonth("2027-01")).toBe(744); // 31 × 24
  });
});

describe("drain_on_demand", () => {
  const idlePool = pool({ utilizationPct: 18, peakUtilizationPct: 30, reservedInstances: 4 });

  it("drains only on-demand instances, priced on demand over the month's real hours", () => {
    // Busiest hour needs ceil(10 × 30 / 75) = 4 instances; the 6 above them are all on demand.
    // November: 6 × $40/h × 720 h = $172,800.
    const [nov] = run({ pools: [idlePool] });
    expect(nov).toMatchObject({ kind: "drain_on_demand", monthlyUsd: 172_800 });
    expect(nov!.title).toContain("drain 6 on-demand instances, saves $172,800.00/month (720 h)");
    // February: 6 × $40/h × 672 h = $161,280; January: 6 × $40/h × 744 h = $178,560.
    expect(run({ pools: [idlePool], horizon: FEBRUARY })[0]!.monthlyUsd).toBe(161_280);
    expect(run({ pools: [idlePool], horizon: JANUARY })[0]!.monthlyUsd).toBe(178_560);
  });

  it("saves nothing by draining reserved instances, and never drains below the pool minimum", () => {
    expect(run({ pools: [pool({ ...idlePool, reservedInstances: 10 })] })).toEqual([]);
    // At its minimum: 3 desired, minimum 3: nothing to drain although the busiest hour needs 1.
    expect(run({ pools: [pool({ ...idlePool, desiredCapacity: 3, minCapacity: 3, avgInstances: 3 })] })).toEqual([]);
    // Minimum 8 of 10: the busiest hour needs 4, the minimum keeps 8: drain 2 × $40/h × 720 h = $57,600.
    expect(run({ pools: [pool({ ...idlePool, reservedInstances: 0, minCapacity: 8 })] })[0]!.monthlyUsd).toBe(57_600);
  });
});

describe("launch_for_slo", () => {
  const hot = pool({ sloAttainmentPct: 40, peakUtilizationPct: 98 });

  it("prices new instances on demand, using idle reserved capacity first for free", () => {
    // ceil(10 × 98 / 75 − 10) = ceil(3.07) = 4 instances; 4 × $40/h × 720 h = $115,200.
    const [rec] = run({ pools: [hot] });
    expect(rec).toMatchObject({ kind: "launch_for_slo", severity: "critical", monthlyUsd: -115_200 });
    expect(rec!.title).toContain("launch 4 trn2.48xlarge");
    // One idle reserved instance already paid for: 3 × $40/h × 720 h = $86,400.
    const withIdle = run({ pools: [pool({ ...hot, reservedInstances: 11, avgIdleReservedInstances: 1 })] });
    expect(withIdle.find((r) => r.kind === "launch_for_slo")!.monthlyUsd).toBe(-86_400);
  });
});

describe("release_idle_reservation", () => {
  const idle = pool({
    id: "idle",
    reservedInstances: 16,
    desiredCapacity: 4,
    avgInstances: 4,
    avgIdleReservedInstances: 11.9999, // float4 sums: 12 idle instances
    reservedUsdPerInstanceHour: 27.4,
  });

  it("saves nothing while a dated reservation still bills, and says what the idle part costs", () => {
    const [rec] = run({
      pools: [idle],
      reservations: [reservation({ poolId: "idle", instanceCount: 16, daysLeft: 240, usdPerInstanceHour: 27.4 })],
    });
    expect(rec).toMatchObject({ kind: "release_idle_reservation", monthlyUsd: 0 });
    expect(rec!.title).toContain("idle: 12 of 16 reserved trn2.48xlarge sat idle on average");
    expect(rec!.title).toContain("ends in 240 days, so renew at most 4");
    // 12 × $27.40/h × 720 h = $236,736 paid for idle capacity.
    expect(rec!.detail).toContain("$236,736.00/month (720 h)");
  });

  it("saves the idle part of a reservation without an end date (it can be cancelled)", () => {
    // 12 × $27.40/h × 720 h = $236,736.
    const [rec] = run({
      pools: [idle],
      reservations: [reservation({ poolId: "idle", instanceCount: 16, daysLeft: null, usdPerInstanceHour: 27.4 })],
    });
    expect(rec!.monthlyUsd).toBeCloseTo(236_736, 6);
    expect(rec!.title).toContain("release 12, saves $236,736.00/month (720 h)");
  });
});

describe("renew_reservation", () => {
  const scribe = pool({ instanceType: "trn1.32xlarge", reservedInstances: 10, desiredCapacity: 10, avgInstances: 10 });

  it("prices the on-demand premium of the instances in use", () => {
    // 10 in use × ($21.50 − $13.10)/h × 720 h = 10 × 8.4 × 720 = $60,480.
    const [rec] = run({ pools: [scribe], reservations: [reservation({})] });
    expect(rec).toMatchObject({ kind: "renew_reservation", severity: "warning" });
    expect(rec!.monthlyUsd).toBeCloseTo(-60_480, 6);
    // February: 10 × 8.4 × 672 = $56,448.
    expect(run({ pools: [scribe], reservations: [reservation({})], horizon: FEBRUARY })[0]!.monthlyUsd).toBeCloseTo(
      -56_448,
      6,
    );
  });

  it("does not charge idle reserved instances the premium", () => {
    // 6 of 10 in use on average: 6 × 8.4 × 720 = $36,288 (the old rule charged 10 × 8.4 × 730 = $61,320).
    const [rec] = run({
      pools: [pool({ ...scribe, avgInstances: 6, desiredCapacity: 6 })],
      reservations: [reservation({})],
    });
    expect(rec!.monthlyUsd).toBeCloseTo(-36_288, 6);
    expect(rec!.title).toContain("renew 6 of them or pay $36,288.00/month (720 h) more on demand");
    // 12 in service, 4 covered by another reservation (14 reserved): 8 on this one: 8 × 8.4 × 720 = $48,384.
    const [shared] = run({
      pools: [pool({ ...scribe, reservedInstances: 14, avgInstances: 12, desiredCapacity: 14 })],
      reservations: [reservation({})],
    });
    expect(shared!.monthlyUsd).toBeCloseTo(-48_384, 6);
  });

  it("ignores reservations ending later than 45 days or without an end", () => {
    expect(run({ pools: [scribe], reservations: [reservation({ daysLeft: 46 })] })).toEqual([]);
    expect(run({ pools: [scribe], reservations: [reservation({ daysLeft: null })] })).toEqual([]);
  });
});

describe("shift_chip_family", () => {
  const figures = (chipFamily: "trainium" | "graviton", unitsPerSecond: number, avgInstances: number, p95: number) => ({
    chipFamily,
    utilizationPct: 50,
    latencyP95Ms: p95,
    avgInstances,
    unitsPerSecond,
    spendUsd: "1.00",
    spendUsdPerHour: "1.00",
    costPerUnitUsd: chipFamily === "graviton" ? 0.7 : 1,
  });
  // Graviton carries 1000 units/s on 10 instances: 100 units/s per instance.
  const model = (gravitonP95 = 400): ModelFacts => ({
    id: "m",
    displayName: "M",
    sloP95Ms: 500,
    costLabel: "$/1M tokens",
    rateLabel: "tokens/s",
    unitScale: 1e6,
    comparison: {
      trainium: figures("trainium", 500, 10, 300),
      graviton: figures("graviton", 1000, 10, gravitonP95),
      cheaper: "graviton",
      savingPct: 30,
    },
  });
  // Trainium pool: 10 instances, minimum 3, 500 units/s: 50 units/s per instance, $20/h on demand.
  const trn = pool({ id: "t", desiredCapacity: 10, minCapacity: 3, onDemandUsdPerHour: 20 });
  const grv = pool({ id: "g", chipFamily: "graviton", instanceType: "c8g.16xlarge", onDemandUsdPerHour: 2 });

  it("saves the on-demand instances moved off and pays on demand for the new ones", () => {
    // Down to the minimum: 7 instances × 50 units/s = 350 units/s → ceil(350 / 100) = 4 Graviton.
    // Saved 7 × $20/h × 720 h = $100,800; cost 4 × $2/h × 720 h = $5,760; net $95,040.
    const [rec] = run({ pools: [trn, grv], models: [model()] });
    expect(rec).toMatchObject({ kind: "shift_chip_family", modelId: "m", monthlyUsd: 95_040 });
    expect(rec!.title).toContain(
      "moving the traffic of 7 Trainium instances (7 from t) saves $95,040.00/month (720 h)",
    );
    expect(rec!.detail).toContain("Saves $100,800.00: 7 on-demand Trainium instances");
    expect(rec!.detail).toContain("Costs $5,760.00: 4 Graviton instances at this month's 100.0 tokens/s each");
    // Receiving side with 4 idle reserved instances: all 4 free, net = $100,800.
    const idleGrv = pool({ ...grv, avgIdleReservedInstances: 4, reservedInstances: 14 });
    expect(run({ pools: [trn, idleGrv], models: [model()] }).find((r) => r.kind === "shift_chip_family")).toMatchObject(
      { monthlyUsd: 100_800 },
    );
  });

  it("counts reserved instances as saved only after their reservation ends", () => {
    const reserved = pool({ ...trn, reservedInstances: 10 });
    // Reservation ends in 10 days = 240 h: each moved instance saves $20/h × (720 − 240) h = $9,600.
    // 7 moved: 7 × $9,600 = $67,200; cost 4 × $2/h × 720 h = $5,760; net $61,440.
    const ending = run({
      pools: [reserved, grv],
      models: [model()],
      reservations: [reservation({ poolId: "t", instanceCount: 10, daysLeft: 10 })],
    });
    expect(ending.find((r) => r.kind === "shift_chip_family")!.monthlyUsd).toBe(61_440);
    // Reservation outlives the month: moving saves $0 and costs > 0: not recommended.
    const long = run({
      pools: [reserved, grv],
      models: [model()],
      reservations: [reservation({ poolId: "t", instanceCount: 10, daysLeft: 200 })],
    });
    expect(long).toEqual([]);
  });

  it("does not recommend a move whose new on-demand capacity costs more than it saves", () => {
    // Graviton is cheaper per unit on its blended (reserved) rate, but a new one costs $50/h on
    // demand: moving 2 Trainium instances (100 units/s) needs 1 Graviton: saves 2 × $20 = $40/h,
    // costs $50/h. Every k loses: k × $20 − ceil(k / 2) × $50 < 0.
    const dear = pool({ ...grv, onDemandUsdPerHour: 50 });
    expect(run({ pools: [trn, dear], models: [model()] })).toEqual([]);
  });

  it("never shrinks a pool below its minimum, and needs the cheaper family to meet the SLO", () => {
    const atMin = pool({ ...trn, desiredCapacity: 3, minCapacity: 3, avgInstances: 3, unitsPerSecond: 150 });
    expect(run({ pools: [atMin, grv], models: [model()] })).toEqual([]);
    expect(run({ pools: [trn, grv], models: [model(600)] })).toEqual([]); // Graviton p95 600 ms > 500 ms SLO
    // Traffic does not change region: a Graviton pool only in us-west-2 receives nothing from us-east-1.
    expect(run({ pools: [trn, pool({ ...grv, region: "us-west-2" })], models: [model()] })).toEqual([]);
  });
});

describe("take-or-pay", () => {
  // Pool "idle": 12 idle instances of a reservation without an end, $27.40/h: release saves
  // 12 × 27.40 × 720 = $236,736 (warning). Pool "scribe": 10 in use of a reservation ending in 12
  // days: not renewing costs 10 × (21.50 − 13.10) × 720 = $60,480 (warning). Pool "slack": drain 6
  // on-demand instances, 6 × $40 × 720 = $172,800 (info).
  const input = {
    pools: [
      pool({
        id: "idle",
        reservedInstances: 16,
        desiredCapacity: 4,
        avgInstances: 4,
        avgIdleReservedInstances: 12,
        reservedUsdPerInstanceHour: 27.4,
      }),
      pool({
        id: "scribe",
        instanceType: "trn1.32xlarge",
        reservedInstances: 10,
        desiredCapacity: 10,
        avgInstances: 10,
      }),
      pool({ id: "slack", utilizationPct: 18, peakUtilizationPct: 30, reservedInstances: 4 }),
    ],
    reservations: [
      reservation({ id: "cr-idle", poolId: "idle", instanceCount: 16, daysLeft: null, usdPerInstanceHour: 27.4 }),
      reservation({ id: "cr-scribe", poolId: "scribe" }),
    ],
  };
  const order = (recs: ReturnType<typeof run>) => recs.map((r) => [r.rank, r.poolId, r.widensTakeOrPayShortfall]);

  it("ranks as usual without a forecast shortfall: the larger warning first", () => {
    expect(order(run(input))).toEqual([
      [1, "idle", false], // warning, $236,736
      [2, "scribe", false], // warning, $60,480
      [3, "slack", false], // info
    ]);
  });

  it("puts savings that only widen a take-or-pay shortfall below the rest, and says so", () => {
    const recs = run({
      ...input,
      takeOrPayShortfall: {
        commitmentName: "AI compute 2024–2031",
        endAt: new Date("2032-01-01T00:00:00Z"),
        shortfallUsd: 12_345_678.9,
      },
    });
    expect(order(recs)).toEqual([
      [1, "scribe", false], // a cost: it narrows the shortfall
      [2, "idle", true],
      [3, "slack", true],
    ]);
    // The figures stay the change in the usage bill.
    expect(recs[1]!.monthlyUsd).toBeCloseTo(236_736, 6);
    expect(recs[2]!.monthlyUsd).toBe(172_800);
    expect(recs[1]!.detail).toContain(
      "Take-or-pay: AI compute 2024–2031 is forecast $12,345,678.90 short at its end (2032-01-01), and a shortfall is billed anyway: this saving only widens it",
    );
    expect(recs[0]!.detail).not.toContain("Take-or-pay");
  });
});
