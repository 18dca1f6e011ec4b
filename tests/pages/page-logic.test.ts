// Pure page logic: needs-attention ranking, action annotations, pool filters (capacity recommendations:
// tests/unit/recommend-capacity.test.ts).
import { describe, expect, it } from "vitest";
import { monthBounds, previousMonth, recentMonths } from "@/lib/capacity/review-month";
import { rankNeedsAttention } from "@/lib/overview/rank-needs-attention";
import { actionAnnotations, type AnnotatedAction } from "@/lib/pools/action-annotations";
import type { TPoolRow } from "@/lib/pools/pool-dto";
import { parseTableState } from "@/lib/table/table-search-params";
import { viewRows } from "@/lib/table/view-rows";
import { POOL_COLUMNS, POOL_DEFAULT_SORT, POOL_FILTERS } from "@/app/(dashboard)/pools/pool-columns";

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

describe("pools table: filters and sort from the URL", () => {
  const row = (id: string, over: Partial<TPoolRow>) =>
    ({
      id,
      chipFamily: "trainium",
      instanceType: "trn2.48xlarge",
      region: "us-east-1",
      availabilityZone: "us-east-1a",
      models: ["m"],
      state: "active",
      retiredAt: null,
      metrics: {
        utilizationPct: 50,
        latencyP95Ms: 100,
        spendUsd: "1.00",
        spendUsdPerHour: "1.00",
        idleReservedUsd: "0.00",
      },
      desiredCapacity: 1,
      inService: 1,
      reservedNow: 0,
      ...over,
    }) as TPoolRow;
  const metrics = (over: Partial<TPoolRow["metrics"]>) =>
    ({ metrics: { ...row("x", {}).metrics, ...over } }) as Partial<TPoolRow>;
  const view = (search: string, rows: TPoolRow[]) =>
    viewRows(
      rows,
      POOL_COLUMNS,
      POOL_FILTERS,
      parseTableState(new URLSearchParams(search), {
        columns: POOL_COLUMNS,
        filters: POOL_FILTERS,
        defaultSort: POOL_DEFAULT_SORT,
      }),
    ).map((r) => r.id);
  const rows = [
    row("b", metrics({ utilizationPct: 90, latencyP95Ms: 400 })),
    row("a", { chipFamily: "graviton", region: "us-east-2", availabilityZone: "us-east-2b", models: ["llama-70b"] }),
    row("c", { ...metrics({ utilizationPct: null, latencyP95Ms: null }), state: "draining" }),
  ];

  it("parses the URL leniently and filters and sorts with nulls last", () => {
    expect(
      parseTableState(new URLSearchParams("chip=quantum&sort=utilization&dir=desc&region=us-east-1"), {
        columns: POOL_COLUMNS,
        filters: POOL_FILTERS,
      }),
    ).toEqual({ sort: "utilization", dir: "desc", q: "", columns: { region: "us-east-1" } });
    expect(view("", rows)).toEqual(["a", "b", "c"]); // default: by pool id
    expect(view("sort=utilization&dir=desc", rows)).toEqual(["b", "a", "c"]);
    expect(view("sort=utilization&dir=asc", rows)).toEqual(["a", "b", "c"]);
    expect(view("chip=graviton", rows)).toEqual(["a"]);
  });

  it("sorts by p95 (missing last) and by state, pools in motion first", () => {
    expect(view("sort=p95&dir=desc", rows)).toEqual(["b", "a", "c"]);
    expect(view("sort=p95&dir=asc", rows)).toEqual(["a", "b", "c"]);
    expect(view("sort=state&dir=asc", rows)).toEqual(["c", "b", "a"]);
  });

  it("matches region and model by substring, not only exactly", () => {
    expect(view("region=us-east", rows)).toEqual(["a", "b", "c"]);
    expect(view("region=east-2", rows)).toEqual(["a"]);
    expect(view("model=LLAMA", rows)).toEqual(["a"]);
    expect(view("q=graviton+east-2", rows)).toEqual(["a"]);
    expect(view("state=draining", rows)).toEqual(["c"]);
  });

  it("sorts amounts (decimal strings) by value, not as text", () => {
    const pools = [
      row("nine", metrics({ spendUsd: "9.00" })),
      row("ten", metrics({ spendUsd: "10.00" })),
      row("credit", metrics({ spendUsd: "-0.50" })),
    ];
    expect(view("sort=spend&dir=desc", pools)).toEqual(["ten", "nine", "credit"]);
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
