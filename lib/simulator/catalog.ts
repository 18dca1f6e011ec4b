// The simulated fleet's catalog: models, instance types and prices. Prices approximate public
// on-demand list prices; "reserved" is the effective rate under the capacity commitment.
import type { ModelKindName } from "@/lib/cost/units";

export type SimModel = {
  id: string;
  displayName: string;
  team: string;
  kind: ModelKindName;
  sloP95Ms: number;
  minServingInstances: number;
  /** Units of work per request: tokens (LLM), images (VLM), 1 for ranking (cost per requests). */
  unitsPerRequest: number;
};

export const SIM_MODELS: SimModel[] = [
  {
    id: "atlas-70b-chat",
    displayName: "Atlas 70B Chat",
    team: "assistant",
    kind: "llm",
    sloP95Ms: 1800,
    minServingInstances: 24,
    unitsPerRequest: 650,
  },
  {
    id: "atlas-8b-instruct",
    displayName: "Atlas 8B Instruct",
    team: "assistant",
    kind: "llm",
    sloP95Ms: 600,
    minServingInstances: 8,
    unitsPerRequest: 420,
  },
  {
    id: "helios-405b",
    displayName: "Helios 405B",
    team: "research-serving",
    kind: "llm",
    sloP95Ms: 4000,
    minServingInstances: 8,
    unitsPerRequest: 900,
  },
  {
    id: "scribe-13b-code",
    displayName: "Scribe 13B Code",
    team: "devtools",
    kind: "llm",
    sloP95Ms: 900,
    minServingInstances: 6,
    unitsPerRequest: 520,
  },
  {
    id: "atlas-1b-edge",
    displayName: "Atlas 1B Edge",
    team: "mobile",
    kind: "llm",
    sloP95Ms: 250,
    minServingInstances: 10,
    unitsPerRequest: 180,
  },
  {
    id: "guard-2b-safety",
    displayName: "Guard 2B Safety",
    team: "trust-safety",
    kind: "llm",
    sloP95Ms: 150,
    minServingInstances: 12,
    unitsPerRequest: 300,
  },
  {
    id: "iris-vl-34b",
    displayName: "Iris VL 34B",
    team: "vision",
    kind: "vlm",
    sloP95Ms: 2500,
    minServingInstances: 8,
    unitsPerRequest: 1,
  },
  {
    id: "iris-vl-7b",
    displayName: "Iris VL 7B",
    team: "vision",
    kind: "vlm",
    sloP95Ms: 900,
    minServingInstances: 6,
    unitsPerRequest: 1,
  },
  {
    id: "lumen-caption-3b",
    displayName: "Lumen Caption 3B",
    team: "media",
    kind: "vlm",
    sloP95Ms: 400,
    minServingInstances: 8,
    unitsPerRequest: 1,
  },
  {
    id: "rank-xl-ctr",
    displayName: "Rank XL CTR",
    team: "feed",
    kind: "ranking",
    sloP95Ms: 40,
    minServingInstances: 20,
    unitsPerRequest: 1,
  },
  {
    id: "rank-embed-v4",
    displayName: "Rank Embed v4",
    team: "search",
    kind: "ranking",
    sloP95Ms: 60,
    minServingInstances: 10,
    unitsPerRequest: 1,
  },
  {
    id: "rerank-mini",
    displayName: "Rerank Mini",
    team: "search",
    kind: "ranking",
    sloP95Ms: 25,
    minServingInstances: 6,
    unitsPerRequest: 1,
  },
];

export type SimInstanceType = {
  name: string;
  chipFamily: "trainium" | "graviton";
  onDemandUsdPerHour: number;
  reservedUsdPerHour: number;
  /** Requests/s one instance serves at 100% utilization, relative to a reference model size. */
  throughputFactor: number;
};

export const SIM_INSTANCE_TYPES: SimInstanceType[] = [
  {
    name: "trn1.32xlarge",
    chipFamily: "trainium",
    onDemandUsdPerHour: 21.5,
    reservedUsdPerHour: 13.1,
    throughputFactor: 1,
  },
  {
    name: "trn2.48xlarge",
    chipFamily: "trainium",
    onDemandUsdPerHour: 44.7,
    reservedUsdPerHour: 27.4,
    throughputFactor: 2.6,
  },
  {
    name: "c7g.16xlarge",
    chipFamily: "graviton",
    onDemandUsdPerHour: 2.32,
    reservedUsdPerHour: 1.46,
    throughputFactor: 0.09,
  },
  {
    name: "c8g.16xlarge",
    chipFamily: "graviton",
    onDemandUsdPerHour: 2.55,
    reservedUsdPerHour: 1.61,
    throughputFactor: 0.12,
  },
  {
    name: "m7g.8xlarge",
    chipFamily: "graviton",
    onDemandUsdPerHour: 1.31,
    reservedUsdPerHour: 0.82,
    throughputFactor: 0.05,
  },
  {
    name: "r8g.8xlarge",
    chipFamily: "graviton",
    onDemandUsdPerHour: 1.89,
    reservedUsdPerHour: 1.19,
    throughputFactor: 0.06,
  },
];

export const SIM_REGIONS = [
  { name: "us-east-1", short: "use1", utcOffsetHours: -5, priceFactor: 1 },
  { name: "us-east-2", short: "use2", utcOffsetHours: -5, priceFactor: 1 },
  { name: "us-west-2", short: "usw2", utcOffsetHours: -8, priceFactor: 1.02 },
] as const;

export type SimRegionName = (typeof SIM_REGIONS)[number]["name"];

export function instanceTypeByName(name: string): SimInstanceType {
  const t = SIM_INSTANCE_TYPES.find((x) => x.name === name);
  if (!t) throw new Error(`unknown simulated instance type ${name}`);
  return t;
}

export function regionByName(name: string) {
  const r = SIM_REGIONS.find((x) => x.name === name);
  if (!r) throw new Error(`unknown simulated region ${name}`);
  return r;
}
