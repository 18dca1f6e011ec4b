import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addHistogram,
  bucketOf,
  histogramFromPercentiles,
  histogramQuantileMs,
  histogramShareWithin,
  histogramTotal,
  LATENCY_BUCKETS,
} from "@/lib/telemetry/latency-histogram";

const hist = (counts: Record<number, number>) => {
  const h = new Float64Array(LATENCY_BUCKETS);
  for (const [k, v] of Object.entries(counts)) h[Number(k)] = v;
  return h;
};

describe("latency histogram", () => {
  // Series A: 900 requests in bucket 13 (16 → 20.16 ms); series B: 100 requests in bucket 36
  // (3,251 → 4,096 ms). By hand: A's own p95 sits 95 % into bucket 13 = 2^(12.95/3) = 19.93 ms,
  // B's 95 % into bucket 36 = 2^(35.95/3) = 4096 × 2^(−1/60) = 4,048.95 ms; their request-weighted
  // mean is (900 × 19.93 + 100 × 4,048.95) / 1,000 = 422.8 ms.
  // Pooled, rank 950 of 1,000 is the 50th of B's 100: half-way (in log) through bucket 36,
  // 2^(35.5/3) = 4096 × 2^(−1/6) = 3,649.1 ms.
  const a = hist({ 13: 900 });
  const b = hist({ 36: 100 });

  it("a pooled p95 of two skewed series is the merged histogram's, not the mean of their p95s", () => {
    expect(histogramQuantileMs(a, 0.95)).toBeCloseTo(19.93, 2);
    expect(histogramQuantileMs(b, 0.95)).toBeCloseTo(4048.95, 1);
    const pooled = addHistogram(addHistogram(new Float64Array(LATENCY_BUCKETS), a), b);
    expect(histogramTotal(pooled)).toBe(1000);
    expect(histogramQuantileMs(pooled, 0.95)).toBeCloseTo(3649.1, 1);
    expect(histogramQuantileMs(pooled, 0.5)).toBeCloseTo(2 ** ((12 + 500 / 900) / 3), 6);
  });

  it("attainment by request counts the requests within the SLO, crossing p95 exactly at it", () => {
    const pooled = addHistogram(addHistogram(new Float64Array(LATENCY_BUCKETS), a), b);
    expect(histogramShareWithin(pooled, 1000)).toBe(0.9); // all of A, none of B
    expect(histogramShareWithin(pooled, 3649.12)).toBeCloseTo(0.95, 5);
    expect(histogramShareWithin(pooled, 10)).toBe(0); // bucket 13 starts at 16 ms
    expect(histogramShareWithin(new Float64Array(LATENCY_BUCKETS), 1000)).toBeNull();
    expect(histogramQuantileMs(new Float64Array(LATENCY_BUCKETS), 0.95)).toBeNull();
  });

  it("bucket edges: 2^(k/3) ms is the top of bucket k; sub-millisecond goes to 0; beyond 52 s is clamped", () => {
    expect(bucketOf(16)).toBe(12);
    expect(bucketOf(16.01)).toBe(13);
    expect(bucketOf(0.3)).toBe(0);
    expect(bucketOf(1)).toBe(0);
    expect(bucketOf(600_000)).toBe(LATENCY_BUCKETS - 1);
  });

  it("a histogram built from percentiles has the requests and gives those percentiles back, to a bucket", () => {
    const out = new Float32Array(LATENCY_BUCKETS);
    for (const p of [
      { p50Ms: 42, p95Ms: 120, p99Ms: 260, requests: 3000 },
      { p50Ms: 900, p95Ms: 2400, p99Ms: 5100, requests: 37 },
      { p50Ms: 14, p95Ms: 14, p99Ms: 14, requests: 10 },
    ]) {
      histogramFromPercentiles(p, out);
      expect(histogramTotal(out)).toBeCloseTo(p.requests, 2);
      for (const [q, want] of [
        [0.5, p.p50Ms],
        [0.95, p.p95Ms],
        [0.99, p.p99Ms],
      ] as const)
        expect(Math.abs(Math.log2(histogramQuantileMs(out, q)! / want))).toBeLessThan(1 / 3);
    }
    histogramFromPercentiles({ p50Ms: 0, p95Ms: 0, p99Ms: 0, requests: 50 }, out);
    expect(histogramTotal(out)).toBe(0); // no latency measured: no requests in the histogram, not 0 ms
  });

  it("pooled raw samples: the histogram's p95 is within one bucket (×2^(1/3)) of the exact one", () => {
    // Two deterministic skewed populations: 5,000 fast requests (10–60 ms) and 400 slow (1–6 s).
    const samples: number[] = [];
    for (let i = 0; i < 5000; i++) samples.push(10 * 6 ** (((i * 7919) % 5000) / 5000));
    for (let i = 0; i < 400; i++) samples.push(1000 * 6 ** (((i * 389) % 400) / 400));
    const h = new Float64Array(LATENCY_BUCKETS);
    for (const s of samples) h[bucketOf(s)]! += 1;
    const sorted = [...samples].sort((x, y) => x - y);
    const exact = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
    const got = histogramQuantileMs(h, 0.95)!;
    expect(Math.abs(Math.log2(got / exact))).toBeLessThan(1 / 3);
  });
});

describe("latency histogram properties", () => {
  const counts = fc.array(fc.nat({ max: 100_000 }), { minLength: LATENCY_BUCKETS, maxLength: LATENCY_BUCKETS });
  const merge = (...hs: number[][]): Float64Array => {
    const acc = new Float64Array(LATENCY_BUCKETS);
    for (const h of hs) addHistogram(acc, h);
    return acc;
  };

  it("merging is associative and commutative (integer counts add exactly)", () => {
    fc.assert(
      fc.property(counts, counts, counts, (x, y, z) => {
        const left = merge([...merge(x, y)], z);
        const right = merge(x, [...merge(y, z)]);
        expect([...left]).toEqual([...right]);
        expect([...merge(x, y)]).toEqual([...merge(y, x)]);
        expect(histogramQuantileMs(left, 0.95)).toBe(histogramQuantileMs(right, 0.95));
      }),
    );
  });

  it("percentiles rise with q, and the share within a percentile is that share", () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (x, q) => {
        const h = merge(x);
        fc.pre(histogramTotal(h) > 0);
        const p = histogramQuantileMs(h, q)!;
        expect(p).toBeLessThanOrEqual(histogramQuantileMs(h, Math.min(0.999, q + 0.01))!);
        expect(histogramShareWithin(h, p)).toBeCloseTo(q, 6);
      }),
    );
  });
});
