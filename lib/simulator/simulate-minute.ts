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

// simulateMinute runs once per pool and minute (360,000 times for a day of the benchmark fleet),
// and the lookups by name and the hash of the pool id were most of its time: they depend only on
// the pool, so they are worked out once per pool object (pools are configuration, never mutated).
type PoolProfile = {
  demandStream: number;
  latencyStream: number;
  offsetMinutes: number;
  rpsPerInstance: number;
  /** Demand in requests/s at the daily peak. */
  peakRps: number;
  baseLatencyMs: number;
  unitsPerRequest: number;
};
const profiles = new WeakMap<SimPool, PoolProfile>();

function profileOf(pool: SimPool): PoolProfile {
  let profile = profiles.get(pool);
  if (!profile) {
    const offsetMinutes = regionByName(pool.region).utcOffsetHours * 60;
    const rps = rpsPerInstance(pool);
    const model = SIM_MODELS.find((m) => m.id === (pool.profileModelId ?? pool.modelId));
    if (!model) throw new Error(`no simulated model ${pool.profileModelId ?? pool.modelId}`);
    const demandStream = streamOf(pool.id);
    profile = {
      demandStream,
      latencyStream: demandStream ^ 0x5bd1e995,
      offsetMinutes,
      rpsPerInstance: rps,
      peakRps: pool.peakUtil * pool.desiredCapacity * rps,
      baseLatencyMs: 0.23 * model.sloP95Ms * (pool.chipFamily === "graviton" ? 1.15 : 1),
      unitsPerRequest: model.unitsPerRequest,
    };
    profiles.set(pool, profile);
  }
  return profile;
}

/** Demand in requests/s: independent of capacity, so draining a pool raises its utilization. */
export function demandRps(seed: number, pool: SimPool, minute: number): number {
  const { demandStream: stream, offsetMinutes, peakRps } = profileOf(pool);
  const local = minute + offsetMinutes;
  const localHour = (((local / 60) % 24) + 24) % 24;
  const localDay = Math.floor(local / 1440);
  const weekend = ((localDay % 7) + 7) % 7 === 2 || ((localDay % 7) + 7) % 7 === 3; // epoch day 0 was a Thursday
  const diurnal = pool.flatDemand ? 1 : 0.55 + 0.45 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (localHour - 4)) / 24));
  const weekly = pool.flatDemand || !weekend ? 1 : 0.85;
  const wander = pool.flatDemand
    ? 1 + 0.012 * smoothNoise(seed, stream, minute, 37)
    : 1 + 0.06 * smoothNoise(seed, stream, minute, 97) + 0.02 * (noise(seed, stream, minute) * 2 - 1);
  return peakRps * diurnal * weekly * wander;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
/** Uniform in [-1, 1). A module function, not a closure per call: this runs 4 times per point. */
const jitter = (seed: number, stream: number, minute: number) => noise(seed, stream, minute) * 2 - 1;

export function simulateMinute(args: {
  seed: number;
  pool: SimPool;
  minute: number;
  instances: number;
}): SimMinutePoint {
  const { seed, pool, minute, instances } = args;
  if (instances <= 0) {
    return {
      utilizationPct: 0,
      latencyP50Ms: 0,
      latencyP95Ms: 0,
      latencyP99Ms: 0,
      requests: 0,
      units: 0,
      instances: 0,
    };
  }
  const profile = profileOf(pool);
  const stream = profile.latencyStream;
  const demand = demandRps(seed, pool, minute);
  const capacity = instances * profile.rpsPerInstance;
  const utilizationPct = Math.min(100, 2 + (98 * demand) / capacity);
  const rho = Math.min(0.985, utilizationPct / 100);
  const served = Math.min(demand, capacity);
  const requests = Math.round(served * 60);
  const p50 = profile.baseLatencyMs * (1 + (0.12 * rho) / (1 - rho)) * (1 + 0.04 * jitter(seed, stream + 1, minute));
  const p95 = p50 * (1.7 + 0.3 * rho) * (1 + 0.05 * jitter(seed, stream + 2, minute));
  const p99 = p95 * (1.4 + 0.1 * jitter(seed, stream + 3, minute));
  return {
    utilizationPct: round(utilizationPct, 2),
    latencyP50Ms: round(p50, 1),
    latencyP95Ms: round(p95, 1),
    latencyP99Ms: round(p99, 1),
    requests,
    units: Math.round(requests * profile.unitsPerRequest * (1 + 0.05 * jitter(seed, stream + 4, minute))),
    instances,
  };
}
