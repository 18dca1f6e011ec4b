// Request latency as a mergeable histogram: the one definition of every percentile above a single
// series-minute, and of SLO attainment by request.
//
// Why: a percentile of pooled requests is not the average of per-series percentiles (a model whose
// slow pool serves a quarter of its traffic has a pooled p95 far above the weighted mean). Counts per
// bucket add, so the histogram of any set of series and minutes is the element-wise sum of theirs.
//
// Buckets are fixed and log-spaced, three per doubling: edge(k) = 2^(k/3) ms. Bucket 0 holds
// [0, 1 ms]; bucket k (1…47) holds (edge(k−1), edge(k)]; the last one also holds anything above
// edge(47) ≈ 52 s (clamped, so a percentile never reads above it). Within a bucket, requests are
// taken as spread evenly in log(latency) (linearly in bucket 0): percentile(q) is where the
// cumulative count crosses q × total, and the share within a threshold adds each bucket's part below
// it. The two are inverses, so "p95 > SLO" holds exactly when "share within SLO < 95 %". The
// resolution is one bucket: a reported percentile is within a factor 2^(1/3) (26 %) of the true one,
// usually far closer.
export const LATENCY_BUCKETS = 48;
const PER_DOUBLING = 3;

/** Upper edge of bucket k, in ms. */
export const bucketUpperMs = (k: number) => 2 ** (k / PER_DOUBLING);

/** The bucket holding a latency. */
export function bucketOf(ms: number): number {
  if (!(ms > 1)) return 0;
  return Math.min(LATENCY_BUCKETS - 1, Math.ceil(PER_DOUBLING * Math.log2(ms) - 1e-9));
}

export type Histogram = ArrayLike<number>;

export function histogramTotal(h: Histogram): number {
  let total = 0;
  for (let k = 0; k < LATENCY_BUCKETS; k++) total += h[k]!;
  return total;
}

/** Adds b into a (element-wise). */
export function addHistogram(a: Float64Array, b: Histogram, offset = 0): Float64Array {
  for (let k = 0; k < LATENCY_BUCKETS; k++) a[k]! += b[offset + k]!;
  return a;
}

/** The latency under which a share q (0…1) of the requests were served; null with no requests. */
export function histogramQuantileMs(h: Histogram, q: number): number | null {
  const total = histogramTotal(h);
  if (!(total > 0)) return null;
  const rank = q * total;
  let before = 0;
  for (let k = 0; k < LATENCY_BUCKETS; k++) {
    const count = h[k]!;
    if (count > 0 && before + count >= rank) {
      const f = Math.min(1, Math.max(0, (rank - before) / count));
      return k === 0 ? f * bucketUpperMs(0) : bucketUpperMs(k - 1 + f);
    }
    before += count;
  }
  return bucketUpperMs(LATENCY_BUCKETS - 1);
}

/** The part (0…1) of bucket k's requests at or under `ms`, under the even-in-log rule above. */
export function bucketShareWithin(k: number, ms: number): number {
  if (k === 0) return Math.min(1, Math.max(0, ms / bucketUpperMs(0)));
  return Math.min(1, Math.max(0, PER_DOUBLING * Math.log2(ms) - (k - 1)));
}

/** Share (0…1) of the requests served within `ms`; null with no requests. */
export function histogramShareWithin(h: Histogram, ms: number): number | null {
  const total = histogramTotal(h);
  if (!(total > 0)) return null;
  let within = 0;
  for (let k = 0; k < LATENCY_BUCKETS; k++) if (h[k]! > 0) within += h[k]! * bucketShareWithin(k, ms);
  return within / total;
}

/**
 * The histogram of `requests` requests whose p50, p95 and p99 are given: the cumulative share is
 * taken as linear in log(latency) between the knots (p50/2 → 0 %, p50, p95, p99, and a tail ending
 * at p99 × max(p99/p95, 1.05) → 100 %). This is how the simulated fleet emits a histogram consistent
 * with its percentiles, and how a series from CloudWatch, which gives only percentiles per series,
 * gets one (shown as such on screen). Writes LATENCY_BUCKETS counts at `out[offset…]`.
 */
export function histogramFromPercentiles(
  p: { p50Ms: number; p95Ms: number; p99Ms: number; requests: number },
  out: Float32Array | Float64Array,
  offset = 0,
): void {
  out.fill(0, offset, offset + LATENCY_BUCKETS);
  if (!(p.requests > 0) || !(p.p50Ms > 0)) return;
  const xs = [p.p50Ms / 2, p.p50Ms, p.p95Ms, p.p99Ms, p.p99Ms * Math.max(p.p99Ms / p.p95Ms || 1, 1.05)];
  for (let i = 1; i < xs.length; i++) xs[i] = Math.max(xs[i]!, xs[i - 1]! * 1.001);
  const logs = xs.map(Math.log);
  const shares = [0, 0.5, 0.95, 0.99, 1];
  const cdf = (ms: number) => {
    if (ms <= xs[0]!) return 0;
    if (ms >= xs[4]!) return 1;
    const l = Math.log(ms);
    let i = 1;
    while (l > logs[i]!) i++;
    return shares[i - 1]! + ((shares[i]! - shares[i - 1]!) * (l - logs[i - 1]!)) / (logs[i]! - logs[i - 1]!);
  };
  // Only the buckets between the first and last knot can hold requests.
  const first = bucketOf(xs[0]!);
  const last = bucketOf(xs[4]!);
  let below = first === 0 ? 0 : cdf(bucketUpperMs(first - 1));
  for (let k = first; k <= last; k++) {
    const upTo = k === LATENCY_BUCKETS - 1 ? 1 : cdf(bucketUpperMs(k));
    out[offset + k] = p.requests * (upTo - below);
    below = upTo;
  }
}
