import { describe, expect, it } from "vitest";
import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { histogramRun, sparseHistogramLiteral } from "@/lib/telemetry/sparse-histogram";

const hist = (counts: Record<number, number>) => {
  const h = new Float64Array(LATENCY_BUCKETS);
  for (const [k, v] of Object.entries(counts)) h[Number(k)] = v;
  return h;
};

describe("sparse latency histogram", () => {
  it("keeps the run from the first to the last non-empty bucket, empty buckets inside it included", () => {
    const h = hist({ 12: 3, 13: 0.5, 15: 1e-7 });
    expect(histogramRun(h)).toEqual({ first: 12, last: 15 });
    // Bucket 12 is subscript 13; 14 is empty but inside the run.
    expect(sparseHistogramLiteral(h)).toBe("[13:16]={3,0.5,0,1e-7}");
  });

  it("reaches both ends of the bucket range", () => {
    expect(sparseHistogramLiteral(hist({ 0: 1 }))).toBe("[1:1]={1}");
    expect(sparseHistogramLiteral(hist({ 47: 2 }))).toBe("[48:48]={2}");
    expect(histogramRun(hist({ 0: 1, 47: 2 }))).toEqual({ first: 0, last: 47 });
  });

  it("has no run, and no literal (NULL), without requests", () => {
    expect(histogramRun(new Float64Array(LATENCY_BUCKETS))).toBeNull();
    expect(sparseHistogramLiteral(new Float64Array(LATENCY_BUCKETS))).toBeNull();
  });

  it("reads the histogram of point i at offset i × 48 of a flat batch", () => {
    const flat = new Float32Array(3 * LATENCY_BUCKETS);
    flat[LATENCY_BUCKETS + 4] = 8;
    flat[LATENCY_BUCKETS + 6] = 0.25;
    flat[2 * LATENCY_BUCKETS] = 1; // the next point's bucket 0: outside point 1's histogram
    expect(histogramRun(flat, 0)).toBeNull();
    expect(sparseHistogramLiteral(flat, LATENCY_BUCKETS)).toBe("[5:7]={8,0,0.25}");
    expect(histogramRun(flat, 2 * LATENCY_BUCKETS)).toEqual({ first: 0, last: 0 });
  });

  it("writes each count as the shortest text that reads back as the same double", () => {
    const v = 0.1 + 0.2; // 0.30000000000000004
    expect(sparseHistogramLiteral(hist({ 3: v }))).toBe("[4:4]={0.30000000000000004}");
    expect(Number("0.30000000000000004")).toBe(v);
  });
});
