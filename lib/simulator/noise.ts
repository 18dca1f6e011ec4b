// Deterministic noise: a pure function of (seed, stream, step), so the value of any minute can be
// regenerated later (catch-up after downtime, tests) without replaying a sequential PRNG.

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Uniform in [0, 1). */
export function noise(seed: number, stream: number, step: number): number {
  const h = mix32(mix32(mix32(seed ^ 0x9e3779b9) ^ stream) ^ (step | 0) ^ Math.floor(step / 4294967296));
  return h / 4294967296;
}

/** Smooth noise in [-1, 1]: linear interpolation between values drawn every `period` steps. */
export function smoothNoise(seed: number, stream: number, step: number, period: number): number {
  const k = Math.floor(step / period);
  const f = (step - k * period) / period;
  const a = noise(seed, stream, k) * 2 - 1;
  const b = noise(seed, stream, k + 1) * 2 - 1;
  return a + (b - a) * f;
}

/** A stable small integer for a string (e.g. a pool id), used as a noise stream. */
export function streamOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h >>> 0;
}
