// Pure page logic: needs-attention ranking, action annotations, pool filters (capacity recommendations:
// tests/unit/recommend-capacity.test.ts).
import { describe, expect, it } from "vitest";
import { monthBounds, previousMonth, recentMonths } from "@/lib/capacity/review-month";
import { rankNeedsAttention } from "@/lib/overview/rank-needs-attention";
import { actionAnnotations, type AnnotatedAction } from "@/lib/pools/action-annotations";
import { filterAndSortPools, parsePoolFilters } from "@/lib/pools/pool-filters";
import type { TPoolRow } from "@/lib/pools/pool-dto";

describe("rankNeedsAttention", () => {
  const base = { lagSeconds: 30, sloRows: [], poolUtilization: [], idleReserved: [], expiring: [] };
  it("puts stale telemetry and SLO breaches before warnings, worst breach first", () => {
    const items = rankNeedsAttention({
      ...base,
      lagSeconds: 900,
      sloRows: [
        { modelId: "a", modelName: "A", poolId: "a-1", latencyP95Ms: 110, sloP95Ms: 100 },
        { modelId: "b", modelName: "B", poolId: "b-1", latencyP95Ms: 300, sloP95Ms: 100 },
        { modelId: "c", modelName: "C", poolId: "c-1", latencyP95Ms: 90, sloP95Ms: 100 },
      ],
      poolUtilization: [
        { poolId: "p-90", utilizationPct: 90 },
        { poolId: "p-97", utilizationPct: 97 },
        { poolId: "p-50", utilizationPct: 50 },
      ],
      idleReserved: [
        { poolId: "idle", instanceType: "trn2", reservedInstances: 16, idleInstances: 12, idleUsdPerHour: 330 },
        { poolId: "busy", instanceType: "trn2", reservedInstances: 16, idleInstances: 2, idleUsdPerHour: 55 },
      ],
      expiring: [
        { reservationId: "cr-1", poolId: "x", instanceType: "trn1", instanceCount: 10, daysLeft: 12 },
        { reservationId: "cr-2", poolId: "y", instanceType: "trn1", instanceCount: 4, daysLeft: 40 },
      ],
    });
    expect(items.map((i) => [i.severity, i.kind, i.poolId ?? i.reservationId])).toEqual([
      ["critical", "telemetry_stale", null],
      ["critical", "slo_breach", "b-1"],
      ["critical", "slo_breach", "a-1"],
      ["critical", "hot_pool", "p-97"],
      ["warning", "hot_pool", "p-90"],
      ["warning", "idle_reserved", "idle"],
      ["warning", "reservation_expiring", "x"],
    ]);
  });

  it("says nothing when the fleet is healthy, and reports missing telemetry as stale", () => {
    expect(rankNeedsAttention(base)).toEqual([]);
    expect(rankNeedsAttention({ ...base, lagSeconds: null })[0]).toMatchObject({ kind: "telemetry_stale", value: -1 });
  });
  it("lists billing drift as warnings after expiring reservations, the largest $ drift first, with its sentence", () => {
    const items = rankNeedsAttention({
      ...base,
      billingDrift: [
        {
          poolId: "small",
          day: "2026-12-02",
          billedUsd: "1100.00",
          estimatedUsd: "1000.00",
          driftUsd: "100.00",
          driftPct: 10,
        },
        {
          poolId: "big",
          day: "2026-12-03",
          billedUsd: "700.00",
          estimatedUsd: "1000.00",
          driftUsd: "-300.00",
          driftPct: -30,
        },
      ],
      expiring: [{ reservationId: "cr-1", poolId: "x", instanceType: "trn1", instanceCount: 10, daysLeft: 12 }],
    });
    expect(items.map((i) => [i.severity, i.kind, i.poolId, i.value, i.threshold, i.detail])).toEqual([
      ["warning", "reservation_expiring", "x", 12, 10, null],
      ["warning", "billing_drift", "big", -300, 1000, "2026-12-03: billed $700.00 vs estimated $1,000.00 (-30.0 %)"],
      ["warning", "billing_drift", "small", 100, 1000, "2026-12-02: billed $1,100.00 vs estimated $1,000.00 (+10.0 %)"],
    ]);
  });
});

describe("actionAnnotations", () => {
  const points = [0, 1, 2, 3, 4, 5].map((i) => ({ t: new Date(Date.UTC(2026, 10, 22, 10, i * 10)).toISOString() }));
  const action = (over: Partial<AnnotatedAction>): AnnotatedAction => ({
    id: "a",
    poolId: "p",
    kind: "drain",
    count: 4,
    state: "succeeded",
    startedAt: null,
    finishedAt: null,
    ...over,
  });
  const at = (m: number) => new Date(Date.UTC(2026, 10, 22, 10, m)).toISOString();
  const run = (actions: AnnotatedAction[]) =>
    actionAnnotations({ actions, points, stepSeconds: 600, now: at(55), showPool: true });

  it("clips to the chart, skips actions that never ran or ran elsewhere, and widens short ones to a bucket", () => {
    expect(run([action({ startedAt: at(5), finishedAt: at(25) })])).toMatchObject([
      { from: at(5), to: at(25), label: "drain 4 · p" },
    ]);
    expect(run([action({ startedAt: at(-30), finishedAt: at(70) })])[0]).toMatchObject({ from: at(0), to: at(50) });
    expect(run([action({ startedAt: null })])).toEqual([]);
    expect(run([action({ startedAt: at(-90), finishedAt: at(-60) })])).toEqual([]);
    expect(run([action({ startedAt: at(52), finishedAt: at(53) })])[0]).toMatchObject({ from: at(40), to: at(50) });
    expect(run([action({ state: "running", startedAt: at(30), finishedAt: null })])[0]).toMatchObject({
      from: at(30),
      to: at(50),
    });
  });
});

describe("pool filters", () => {
  const row = (id: string, over: Partial<TPoolRow>) =>
    ({
      id,
      chipFamily: "trainium",
      region: "us-east-1",
      models: ["m"],
      state: "active",
      metrics: { utilizationPct: 50, spendUsd: "1.00", spendUsdPerHour: "1.00" },
      desiredCapacity: 1,
      inService: 1,
      reservedNow: 0,
      ...over,
    }) as TPoolRow;
  const rows = [
    row("b", { metrics: { utilizationPct: 90 } as TPoolRow["metrics"] }),
    row("a", { chipFamily: "graviton" }),
    row("c", { metrics: { utilizationPct: null } as TPoolRow["metrics"] }),
  ];

  it("parses the URL leniently and filters and sorts with nulls last", () => {
    expect(parsePoolFilters(new URLSearchParams("chip=quantum&sort=utilization&dir=desc&region=us-east-1"))).toEqual({
      chip: undefined,
      region: "us-east-1",
      model: undefined,
      state: undefined,
      sort: "utilization",
      dir: "desc",
    });
    expect(
      filterAndSortPools([...rows], parsePoolFilters(new URLSearchParams("sort=utilization&dir=desc"))).map(
        (r) => r.id,
      ),
    ).toEqual(["b", "a", "c"]);
    expect(
      filterAndSortPools([...rows], parsePoolFilters(new URLSearchParams("sort=utilization&dir=asc"))).map((r) => r.id),
    ).toEqual(["a", "b", "c"]);
    expect(
      filterAndSortPools([...rows], parsePoolFilters(new URLSearchParams("chip=graviton"))).map((r) => r.id),
    ).toEqual(["a"]);
  });

  it("sorts amounts (decimal strings) by value, not as text", () => {
    const money = (spendUsd: string) =>
      ({ metrics: { utilizationPct: 50, spendUsd, spendUsdPerHour: "1.00" } }) as Partial<TPoolRow>;
    const pools = [row("nine", money("9.00")), row("ten", money("10.00")), row("credit", money("-0.50"))];
    expect(
      filterAndSortPools(pools, parsePoolFilters(new URLSearchParams("sort=spend&dir=desc"))).map((r) => r.id),
    ).toEqual(["ten", "nine", "credit"]);
  });
});

describe("review months", () => {
  it("knows calendar months in UTC", () => {
    expect(monthBounds("2026-12")).toEqual({
      start: new Date("2026-12-01T00:00:00Z"),
      end: new Date("2027-01-01T00:00:00Z"),
    });
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(recentMonths(new Date("2026-02-15T00:00:00Z"), 3)).toEqual(["2026-02", "2026-01", "2025-12"]);
  });
});
