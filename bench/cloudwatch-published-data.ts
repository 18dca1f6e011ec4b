// What the cost bench's stand-in CloudWatch has published: per metric (by its dimensions) and
// minute, deterministic values, aggregated per asked period as CloudWatch aggregates them (Sum and
// SampleCount add up, Average averages). Every request records one latency sample, so the latency
// metric's SampleCount equals the Requests metric's Sum, minute by minute; one minute in 97 a model
// is idle (Requests and Units 0, no latency sample, so no latency datapoint at all).
import type { CloudWatchQuery, Datapoints } from "@/tests/aws-standins/fake-cloudwatch-http";

const MINUTE_S = 60;

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const seriesKey = (q: CloudWatchQuery) =>
  [...q.dimensions]
    .sort((a, b) => a.Name.localeCompare(b.Name))
    .map((d) => `${d.Name}=${d.Value}`)
    .join(",");

/** Requests served in the minute starting at `t` (epoch seconds) by the series `h`. */
const requestsAt = (h: number, t: number) => {
  const m = t / MINUTE_S;
  return m % 97 === h % 97 ? 0 : 50 + (h % 100) + (m % 7) * 3;
};

/** One minute's value of the query's statistic, or null when nothing was published. */
function minuteValue(q: CloudWatchQuery, h: number, t: number, names: PublishedNames): number | null {
  const m = t / MINUTE_S;
  const requests = requestsAt(h, t);
  if (q.metricName === names.requests) return requests;
  if (q.metricName === names.units) return requests * 10;
  if (q.metricName === names.latency) {
    if (requests === 0) return null;
    if (q.stat === "SampleCount") return requests;
    const p50 = 80 + (h % 60) + (m % 5);
    return q.stat === "p50" ? p50 : q.stat === "p95" ? p50 * 2.5 : q.stat === "p99" ? p50 * 4 : null;
  }
  if (q.metricName === "GroupInServiceInstances") return 8 + (h % 3);
  if (q.metricName === "GroupTotalInstances") return 9 + (h % 3);
  return 35 + (h % 40) + (m % 3); // utilization, percent
}

export type PublishedNames = { latency: string; requests: string; units: string };

/** The stand-in's datapoints: one per period with data in the asked window. */
export function publishedFleetData(names: PublishedNames): Datapoints {
  return (q, { startTime, endTime }) => {
    if (q.expression !== undefined || q.period <= 0) return [];
    const h = hashOf(seriesKey(q));
    const points: Array<[number, number]> = [];
    const first = Math.ceil(startTime / q.period) * q.period;
    for (let t = first; t < endTime; t += q.period) {
      const values: number[] = [];
      for (let s = t; s < t + q.period; s += MINUTE_S) {
        const v = minuteValue(q, h, s, names);
        if (v !== null) values.push(v);
      }
      if (values.length === 0) continue;
      const additive = q.stat === "Sum" || q.stat === "SampleCount";
      const sum = values.reduce((a, b) => a + b, 0);
      // A percentile over a coarser period is not derivable from minute percentiles: the bench
      // reads app metrics at 60 s (backfill within 15 days), so the first minute's stands in.
      points.push([t, additive ? sum : q.stat === "Average" ? sum / values.length : values[0]!]);
    }
    return points;
  };
}
