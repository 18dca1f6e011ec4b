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
  shape: { models: number; pools: number; instances: number; days: number };
  ingest: IngestResult;
  plans: PlanResult[];
  tableSizes: { minute: string; hourly: string; modelLatency: string; minuteBytesPerPoint: number };
  api: ApiResult[];
  page: PageResult;
  readBudget: ReadBudgetResult;
  cloudwatch: CloudWatchBenchResult;
  inventory: InventoryBenchResult;
};

const mark = (ok: boolean) => (ok ? "met" : "**not met**");
/** Latencies to 0.1 ms: autocannon's sub-microsecond digits are noise. */
const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(1));

export async function writeResults(r: BenchResults): Promise<void> {
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/latest.json", JSON.stringify(r, null, 2) + "\n");
  const at50 = (name: string) => r.api.find((a) => a.name.startsWith(name))?.runs.find((x) => x.connections === 50);
  const cachedP95 = at50("overview 24 h")?.p95Ms ?? NaN;
  const floor = at50(FLOOR_ENDPOINT);
  const worst90d = Math.max(...r.api.filter((a) => a.name.includes("90 d")).flatMap((a) => a.runs.map((x) => x.p95Ms)));
  const non2xx = r.api.flatMap((a) => a.runs).reduce((s, x) => s + x.non2xx + x.errors, 0);
  const calls = r.cloudwatch.viewers.map((v) => v.getMetricDataCalls);
  const lines = [
    `# Fleet Console benchmark`,
    ``,
    `Run ${r.startedAt} → ${r.finishedAt} on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.platform}; CPU check (sha256 of 200 MB, one core): ${r.machine.sha256MsPer200MB} ms, to compare runs on shared hosts.`,
    `Fleet: ${r.shape.instances} instances in ${r.shape.pools} pools, ${r.shape.models} models, ${r.shape.days} days of per-minute telemetry (telemetry_minute ${r.tableSizes.minute}, ${r.tableSizes.minuteBytesPerPoint} bytes per point with its latency histogram; telemetry_hourly ${r.tableSizes.hourly}; model_latency_minute ${r.tableSizes.modelLatency}).`,
    ``,
    `## Aims`,
    ``,
    `| aim | measured | |`,
    `| --- | --- | --- |`,
    `| backfill ≥ 200,000 points/s | ${r.ingest.pointsPerSecond.toLocaleString("en-US")} points/s | ${mark(r.ingest.pointsPerSecond >= 200_000)} |`,
    `| cached overview p95 ≤ 50 ms at 50 connections | ${ms(cachedP95)} ms (a constant response: ${ms(floor?.p95Ms)} ms, ${floor?.rps ?? "n/a"} req/s) | ${mark(cachedP95 <= 50)} |`,
    `| any 90-day query p95 ≤ 200 ms | worst ${ms(worst90d)} ms | ${mark(worst90d <= 200)} |`,
    `| zero non-2xx / errors under load | ${non2xx} | ${mark(non2xx === 0)} |`,
    `| overview LCP ≤ 1 s (cold browser; first viewer of a range not kept warm in brackets) | ${r.page.cold.lcpMs} ms (${r.page.firstViewer.lcpMs} ms) | ${mark(r.page.cold.lcpMs <= 1000)} |`,
    `| first-load JS ≤ 200 KB gzipped | ${r.page.cold.jsKb} KB | ${mark(r.page.cold.jsKb <= 200)} |`,
    `| CloudWatch calls identical for 1/10/100 viewers | ${calls.join(" / ")} | ${mark(new Set(calls).size === 1)} |`,
    `| no sequential scan of telemetry_minute for rollup ranges | ${r.plans.filter((p) => p.readsRollups && p.seqScanOnMinute).length} offending | ${mark(r.plans.every((p) => !p.readsRollups || !p.seqScanOnMinute))} |`,
    ``,
    `## Ingest`,
    ``,
    `Backfill: ${r.ingest.points.toLocaleString("en-US")} points in ${r.ingest.seconds} s (${r.ingest.pointsPerSecond.toLocaleString("en-US")} points/s), through the real write path (cost attribution, COPY, hourly rollups).`,
    `Live tick: ${r.ingest.liveTick.points} points in ${r.ingest.liveTick.ms} ms, so a minute is stored ${r.ingest.liveTick.lagSecondsAfter} s after the tick that reads it (plus up to one ingest interval of scheduling).`,
    ``,
    `## API under load (autocannon, ${r.api[0]?.runs.length ? "" : ""}after a 2 s warm-up)`,
    ``,
    `| endpoint | connections | p50 ms | p95 ms | p99 ms | req/s | non-2xx | 304 |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...r.api.flatMap((a) =>
      a.runs.map(
        (x) =>
          `| ${a.name} | ${x.connections} | ${ms(x.p50Ms)} | ${ms(x.p95Ms)} | ${ms(x.p99Ms)} | ${x.rps} | ${x.non2xx + x.errors} | ${x.notModified} |`,
      ),
    ),
    ``,
    `## Overview page (headless Chromium)`,
    ``,
    `| cache | LCP ms | first-load JS transferred KB | all JS once charts are drawn KB |`,
    `| --- | ---: | ---: | ---: |`,
    `| first viewer of a range not kept warm (7 d: empty browser, the server computes the page) | ${r.page.firstViewer.lcpMs} | ${r.page.firstViewer.jsKb} | ${r.page.firstViewer.allJsKb} |`,
    `| cold (empty browser, default range 24 h, kept warm by the server) | ${r.page.cold.lcpMs} | ${r.page.cold.jsKb} | ${r.page.cold.allJsKb} |`,
    `| warm (reload) | ${r.page.warm.lcpMs} | ${r.page.warm.jsKb} | ${r.page.warm.allJsKb} |`,
    ``,
    `## One user's 32 concurrent uncached reads (per-user budget, lib/cache/uncached-read-budget.ts)`,
    ``,
    `| /api/health, 1 connection | p50 ms | p95 ms | p99 ms |`,
    `| --- | ---: | ---: | ---: |`,
    `| alone | ${ms(r.readBudget.healthAlone.p50Ms)} | ${ms(r.readBudget.healthAlone.p95Ms)} | ${ms(r.readBudget.healthAlone.p99Ms)} |`,
    `| while one user keeps ${r.readBudget.flood.concurrent} custom-range reads in flight | ${ms(r.readBudget.healthUnderFlood.p50Ms)} | ${ms(r.readBudget.healthUnderFlood.p95Ms)} | ${ms(r.readBudget.healthUnderFlood.p99Ms)} |`,
    ``,
    `The flood's reads: ${r.readBudget.flood.answered} answered, ${r.readBudget.flood.refused429} refused with 429, ${r.readBudget.flood.otherStatus} other; p95 ${r.readBudget.flood.p95Ms} ms (they wait their turn in the user's line).`,
    ``,
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
    `## Query plans (EXPLAIN ANALYZE of the SQL the pages run)`,
    ``,
    ...r.plans.flatMap((p) => [
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
