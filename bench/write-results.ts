// Writes the benchmark's figures as bench/results/latest.json and a readable latest.md, each aim
// marked met or not met (figures are reported as measured, never adjusted).
import { mkdirSync, writeFileSync } from "node:fs";
import type { CloudWatchBenchResult } from "./cloudwatch";
import type { PlanResult } from "./explain-plans";
import { FLOOR_ENDPOINT, type ApiResult } from "./measure-api";
import type { InventoryBenchResult } from "./inventory-sync";
import type { IngestResult } from "./measure-ingest";
import type { PageResult } from "./measure-page";
import type { ReadBudgetResult } from "./measure-read-budget";

/** Everything measured at one fleet size. */
export type SizeResults = {
  shape: { models: number; pools: number; instances: number; days: number };
  ingest: IngestResult;
  plans: PlanResult[];
  tableSizes: { minute: string; hourly: string; modelLatency: string; minuteBytesPerPoint: number };
  api: ApiResult[];
  page: PageResult;
  readBudget: ReadBudgetResult;
};

export type BenchResults = {
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    platform: string;
    sha256MsPer200MB: number;
  };
  startedAt: string;
  finishedAt: string;
  /** Smallest first. */
  sizes: SizeResults[];
  cloudwatch: CloudWatchBenchResult;
  inventory: InventoryBenchResult;
};

const mark = (ok: boolean) => (ok ? "met" : "**not met**");
/** Latencies to 0.1 ms: autocannon's sub-microsecond digits are noise. */
const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(1));

const at = (size: SizeResults, name: string, connections: number) =>
  size.api.find((a) => a.name === name)?.runs.find((x) => x.connections === connections);
/** Reads a viewer's refresh makes, answered from the page cache (cold computations are the plans' rows). */
const isCachedRead = (name: string) => name !== FLOOR_ENDPOINT && !name.startsWith("launch preview");
const ratio = (small: number, large: number) =>
  Number.isFinite(small) && Number.isFinite(large) && small > 0 ? `${(large / small).toFixed(2)}×` : "n/a";
const series = (s: SizeResults) => `${s.shape.pools.toLocaleString("en-US")} series`;

export async function writeResults(r: BenchResults): Promise<void> {
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/latest.json", JSON.stringify(r, null, 2) + "\n");
  const small = r.sizes[0]!;
  const large = r.sizes[r.sizes.length - 1]!;
  const growth = large.shape.pools / small.shape.pools;
  const readNames = small.api.map((a) => a.name).filter(isCachedRead);
  // Cached reads at 50 connections, largest over smallest size: the worst ratio.
  const cachedRatios = readNames.map((n) => (at(large, n, 50)?.p95Ms ?? NaN) / (at(small, n, 50)?.p95Ms ?? NaN));
  const worstCachedRatio = Math.max(...cachedRatios.filter(Number.isFinite));
  const planRatios = small.plans.map((p) => (large.plans.find((q) => q.name === p.name)?.ms ?? NaN) / p.ms);
  const worstPlanRatio = Math.max(...planRatios.filter(Number.isFinite));
  // Every read at 50 connections against the constant response of the same run and size.
  const overFloor = r.sizes.flatMap((s) =>
    readNames.map((n) => ({ s, n, x: (at(s, n, 50)?.p95Ms ?? NaN) / (at(s, FLOOR_ENDPOINT, 50)?.p95Ms ?? NaN) })),
  );
  const worstOverFloor = overFloor.reduce((w, o) => (o.x > w.x ? o : w), overFloor[0]!);
  const non2xx = r.sizes.flatMap((s) => s.api.flatMap((a) => a.runs)).reduce((t, x) => t + x.non2xx + x.errors, 0);
  const calls = r.cloudwatch.viewers.map((v) => v.getMetricDataCalls);
  const slowestBackfill = Math.min(...r.sizes.map((s) => s.ingest.pointsPerSecond));
  const both = (f: (s: SizeResults) => string | number) => r.sizes.map((s) => f(s)).join(" / ");
  const sizeCols = r.sizes.map(series).join(" | ");
  const count = (v: number) => (Number.isFinite(v) ? v.toLocaleString("en-US") : "n/a");
  const row = (label: string, f: (s: SizeResults) => number, fmt: (v: number) => string = count) =>
    `| ${label} | ${r.sizes.map((s) => fmt(f(s))).join(" | ")} | ${ratio(f(small), f(large))} |`;
  const lines = [
    `# Fleet Console benchmark`,
    ``,
    `Run ${r.startedAt} → ${r.finishedAt} on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.platform}; CPU check (sha256 of 200 MB, one core): ${r.machine.sha256MsPer200MB} ms, to compare runs on shared hosts.`,
    `Fleets (${both(series)}): ${both((s) => `${s.shape.instances.toLocaleString("en-US")} instances in ${s.shape.pools} pools, ${s.shape.models} models`)}; ${small.shape.days} days of per-minute telemetry each, measured one after the other in databases of their own.`,
    ``,
    `## Aims`,
    ``,
    `| aim | measured | |`,
    `| --- | --- | --- |`,
    `| backfill ≥ 250,000 points/s at every size | ${both((s) => s.ingest.pointsPerSecond.toLocaleString("en-US"))} points/s | ${mark(slowestBackfill >= 250_000)} |`,
    `| cached reads at ${series(large)} no slower than at ${series(small)} (p95 at 50 connections, worst ratio ≤ 1.2) | ${worstCachedRatio.toFixed(2)}× | ${mark(worstCachedRatio <= 1.2)} |`,
    `| uncached reads at most linear (worst EXPLAIN ANALYZE ratio ≤ ${growth}×, the growth in series) | ${worstPlanRatio.toFixed(2)}× | ${mark(worstPlanRatio <= growth)} |`,
    `| every read at 50 connections within 1.1× of the constant response's p95 (same run, same size) | worst ${worstOverFloor.x.toFixed(2)}× (${worstOverFloor.n}, ${series(worstOverFloor.s)}) | ${mark(worstOverFloor.x <= 1.1)} |`,
    `| zero non-2xx / errors under load | ${non2xx} | ${mark(non2xx === 0)} |`,
    `| overview LCP ≤ 1 s (cold browser) | ${both((s) => `${s.page.cold.lcpMs} ms`)} | ${mark(r.sizes.every((s) => s.page.cold.lcpMs <= 1000))} |`,
    `| first-load JS ≤ 200 KB gzipped | ${both((s) => `${s.page.cold.jsKb} KB`)} | ${mark(r.sizes.every((s) => s.page.cold.jsKb <= 200))} |`,
    `| CloudWatch calls identical for 1/10/100 viewers | ${calls.join(" / ")} | ${mark(new Set(calls).size === 1)} |`,
    `| no sequential scan of telemetry_minute for rollup ranges | ${r.sizes.flatMap((s) => s.plans).filter((p) => p.readsRollups && p.seqScanOnMinute).length} offending | ${mark(r.sizes.every((s) => s.plans.every((p) => !p.readsRollups || !p.seqScanOnMinute)))} |`,
    ``,
    `## How each figure grows (${series(small)} → ${series(large)}: ${growth}×)`,
    ``,
    `| figure | ${sizeCols} | ratio |`,
    `| --- | ${r.sizes.map(() => "---:").join(" | ")} | ---: |`,
    row("backfill, points/s", (s) => s.ingest.pointsPerSecond),
    row("live tick, ms", (s) => s.ingest.liveTick.ms),
    row("telemetry_minute, bytes per point", (s) => s.tableSizes.minuteBytesPerPoint),
    ...readNames.flatMap((n) => [1, 50].map((c) => row(`${n}, p95 ms at ${c}`, (s) => at(s, n, c)?.p95Ms ?? NaN, ms))),
    row(`${FLOOR_ENDPOINT}, p95 ms at 50`, (s) => at(s, FLOOR_ENDPOINT, 50)?.p95Ms ?? NaN, ms),
    ...small.plans.map((p) => row(`uncached: ${p.name}, ms`, (s) => s.plans.find((q) => q.name === p.name)?.ms ?? NaN)),
    row("overview LCP, cold browser, ms", (s) => s.page.cold.lcpMs),
    row("health p95 ms under one user's 32 uncached reads", (s) => s.readBudget.healthUnderFlood.p95Ms, ms),
    ``,
    ...r.sizes.flatMap((s) => sizeSection(s)),
    `## CloudWatch (mocked client)`,
    ``,
    `| viewers | GetMetricData calls | metrics requested |`,
    `| ---: | ---: | ---: |`,
    ...r.cloudwatch.viewers.map((v) => `| ${v.viewers} | ${v.getMetricDataCalls} | ${v.metricsRequested} |`),
    ``,
    `Estimated steady-state ingest cost: $${r.cloudwatch.estimatedUsdPerDay.toFixed(2)}/day; ingest from mocked CloudWatch ${r.cloudwatch.ingestPointsPerSecond.toLocaleString("en-US")} points/s.`,
    ``,
    `### CloudWatch cost at the wire (bench/cloudwatch-cost.ts: the real ingest against the HTTP stand-in, billed from the request bodies)`,
    ``,
    `| settings | series | metrics billed per series-minute | $/day | $ per 1,000 series per day | (one metric per query) | backfill $ per day backfilled per 1,000 series | rows digest |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
    ...r.cloudwatch.cost.map(
      (c) =>
        `| ${c.label} | ${c.series} | ${c.steady.billedMetricsPerSeriesMinute.toFixed(2)} | ${c.steady.usdPerDay.toFixed(2)} | ${c.steady.usdPer1000SeriesPerDay.toFixed(2)} | ${c.steady.perQueryUsdPer1000SeriesPerDay.toFixed(2)} | ${(c.backfill.usdPer1000Series / c.backfill.days).toFixed(3)} | ${c.rowsDigest.slice(0, 8)} |`,
    ),
    ``,
    `## Inventory sync (fake AWS account; details in inventory-sync.md)`,
    ``,
    `${r.inventory.shape.pools} pools over ${r.inventory.shape.regions} regions and ${r.inventory.shape.clusters} clusters: first sync ${r.inventory.first.seconds} s (${r.inventory.first.apiCallsCounted} requests), second with nothing changed ${r.inventory.second.seconds} s (${r.inventory.second.apiCallsCounted} requests, ${r.inventory.second.changes} changes).`,
    ``,
    `## Query plans at ${series(large)} (EXPLAIN ANALYZE of the SQL the pages run)`,
    ``,
    ...large.plans.flatMap((p) => [
      `### ${p.name}: ${p.ms} ms on ${p.table}${p.seqScanOnMinute ? " (sequential scan throwing away minute rows)" : ""}`,
      "",
      "```",
      p.plan,
      "```",
      "",
    ]),
  ];
  writeFileSync("bench/results/latest.md", lines.join("\n") + "\n");
}

/** One size's own tables: ingest and storage, every load run, the page, health under a flood. */
function sizeSection(s: SizeResults): string[] {
  return [
    `## ${series(s)}: ${s.shape.instances.toLocaleString("en-US")} instances, ${s.shape.models} models`,
    ``,
    `Backfill: ${s.ingest.points.toLocaleString("en-US")} points in ${s.ingest.seconds} s (${s.ingest.pointsPerSecond.toLocaleString("en-US")} points/s), through the real write path (cost attribution, COPY, hourly rollups). Live tick: ${s.ingest.liveTick.points} points in ${s.ingest.liveTick.ms} ms. Storage: telemetry_minute ${s.tableSizes.minute} (${s.tableSizes.minuteBytesPerPoint} bytes per point), telemetry_hourly ${s.tableSizes.hourly}, model_latency_minute ${s.tableSizes.modelLatency}.`,
    ``,
    `| endpoint (autocannon, after a 2 s warm-up) | connections | p50 ms | p95 ms | p99 ms | req/s | non-2xx | 304 |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...s.api.flatMap((a) =>
      a.runs.map(
        (x) =>
          `| ${a.name} | ${x.connections} | ${ms(x.p50Ms)} | ${ms(x.p95Ms)} | ${ms(x.p99Ms)} | ${x.rps} | ${x.non2xx + x.errors} | ${x.notModified} |`,
      ),
    ),
    ``,
    `| overview page (headless Chromium) | LCP ms | first-load JS transferred KB | all JS once charts are drawn KB |`,
    `| --- | ---: | ---: | ---: |`,
    `| first viewer of a range not kept warm (7 d: empty browser, the server computes the page) | ${s.page.firstViewer.lcpMs} | ${s.page.firstViewer.jsKb} | ${s.page.firstViewer.allJsKb} |`,
    `| cold (empty browser, default range 24 h, kept warm by the server) | ${s.page.cold.lcpMs} | ${s.page.cold.jsKb} | ${s.page.cold.allJsKb} |`,
    `| warm (reload) | ${s.page.warm.lcpMs} | ${s.page.warm.jsKb} | ${s.page.warm.allJsKb} |`,
    ``,
    `| /api/health, 1 connection (per-user budget of uncached reads) | p50 ms | p95 ms | p99 ms |`,
    `| --- | ---: | ---: | ---: |`,
    `| alone | ${ms(s.readBudget.healthAlone.p50Ms)} | ${ms(s.readBudget.healthAlone.p95Ms)} | ${ms(s.readBudget.healthAlone.p99Ms)} |`,
    `| while one user keeps ${s.readBudget.flood.concurrent} custom-range reads in flight | ${ms(s.readBudget.healthUnderFlood.p50Ms)} | ${ms(s.readBudget.healthUnderFlood.p95Ms)} | ${ms(s.readBudget.healthUnderFlood.p99Ms)} |`,
    ``,
    `The flood's reads: ${s.readBudget.flood.answered} answered, ${s.readBudget.flood.refused429} refused with 429, ${s.readBudget.flood.otherStatus} other; p95 ${s.readBudget.flood.p95Ms} ms (they wait their turn in the user's line).`,
    ``,
  ];
}
