// One pool's telemetry for one minute, as a pure function of (seed, pool, minute, instances).
// Traffic follows the local day and week; latency climbs as utilization nears saturation
// (a queueing-style ρ/(1-ρ) term), which is what makes the hot pool breach its SLO.
import { SIM_MODELS, instanceTypeByName, regionByName } from "./catalog";
import { noise, smoothNoise, streamOf } from "./noise";
import type { SimPool } from "./pools";

/** Requests/s a model serves on one trn1.32xlarge-equivalent, and how well it runs on Graviton. */
const MODEL_THROUGHPUT: Record<string, { rps: number; gravitonEfficiency: number }> = {
  "atlas-70b-chat": { rps: 5, gravitonEfficiency: 0.5 },
  "atlas-8b-instruct": { rps: 40, gravitonEfficiency: 0.8 },
  "helios-405b": { rps: 1.2, gravitonEfficiency: 0.5 },
  "scribe-13b-code": { rps: 25, gravitonEfficiency: 0.7 },
  "atlas-1b-edge": { rps: 120, gravitonEfficiency: 1.6 },
  "guard-2b-safety": { rps: 150, gravitonEfficiency: 1.5 },
  "iris-vl-34b": { rps: 6, gravitonEfficiency: 0.5 },
  "iris-vl-7b": { rps: 30, gravitonEfficiency: 0.9 },
  "lumen-caption-3b": { rps: 60, gravitonEfficiency: 1.3 },
  "rank-xl-ctr": { rps: 4000, gravitonEfficiency: 1 },
  "rank-embed-v4": { rps: 2500, gravitonEfficiency: 1 },
  "rerank-mini": { rps: 6000, gravitonEfficiency: 1 },
};

export type SimMinutePoint = {
  utilizationPct: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  /** Requests served in the minute. */
  requests: number;
  units: number;
  instances: number;
};

export function rpsPerInstance(pool: Pick<SimPool, "modelId" | "profileModelId" | "instanceType">): number {
  const model = MODEL_THROUGHPUT[pool.profileModelId ?? pool.modelId];
  if (!model) throw new Error(`no throughput profile for model ${pool.modelId}`);
  const type = instanceTypeByName(pool.instanceType);
  return model.rps * type.throughputFactor * (type.chipFamily === "graviton" ? model.gravitonEfficiency : 1);
}

/** Demand in requests/s: independent of capacity, so draining a pool raises its utilization. */
export function demandRps(seed: number, pool: SimPool, minute: number): number {
  const stream = streamOf(pool.id);
  const offsetMinutes = regionByName(pool.region).utcOffsetHours * 60;
  const local = minute + offsetMinutes;
  const localHour = (((local / 60) % 24) + 24) % 24;
  const localDay = Math.floor(local / 1440);
  const weekend = ((localDay % 7) + 7) % 7 === 2 || ((localDay % 7) + 7) % 7 === 3; // epoch day 0 was a Thursday
  const diurnal = pool.flatDemand ? 1 : 0.55 + 0.45 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (localHour - 4)) / 24));
  const weekly = pool.flatDemand || !weekend ? 1 : 0.85;
  const wander = pool.flatDemand
    ? 1 + 0.012 * smoothNoise(seed, stream, minute, 37)
    : 1 + 0.06 * smoothNoise(seed, stream, minute, 97) + 0.02 * (noise(seed, stream, minute) * 2 - 1);
  const peak = pool.peakUtil * pool.desiredCapacity * rpsPerInstance(pool);
  return peak * diurnal * weekly * wander;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function simulateMinute(args: { seed: number; pool: SimPool; minute: number; instances: number }): SimMinutePoint {
  const { seed, pool, minute, instances } = args;
  const model = SIM_MODELS.find((m) => m.id === (pool.profileModelId ?? pool.modelId))!;
  const stream = streamOf(pool.id) ^ 0x5bd1e995;
  const jitter = (k: number) => noise(seed, stream + k, minute) * 2 - 1;

  if (instances <= 0) {
    return { utilizationPct: 0, latencyP50Ms: 0, latencyP95Ms: 0, latencyP99Ms: 0, requests: 0, units: 0, instances: 0 };
  }
  const demand = demandRps(seed, pool, minute);
  const capacity = instances * rpsPerInstance(pool);
  const utilizationPct = Math.min(100, 2 + (98 * demand) / capacity);
  const rho = Math.min(0.985, utilizationPct / 100);
  const served = Math.min(demand, capacity);
  const requests = Math.round(served * 60);
  const baseMs = 0.23 * model.sloP95Ms * (pool.chipFamily === "graviton" ? 1.15 : 1);
  const p50 = baseMs * (1 + (0.12 * rho) / (1 - rho)) * (1 + 0.04 * jitter(1));
  const p95 = p50 * (1.7 + 0.3 * rho) * (1 + 0.05 * jitter(2));
  const p99 = p95 * (1.4 + 0.1 * jitter(3));
  return {
    utilizationPct: round(utilizationPct, 2),
    latencyP50Ms: round(p50, 1),
    latencyP95Ms: round(p95, 1),
    latencyP99Ms: round(p99, 1),
    requests,
    units: Math.round(requests * model.unitsPerRequest * (1 + 0.05 * jitter(4))),
    instances,
  };
}
