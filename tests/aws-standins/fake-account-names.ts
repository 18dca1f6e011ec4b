// Names and figures the fake account is made of, shared by its generator, its config and its tests.

export const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "us-east-2"];
export const TYPES = ["trn2.48xlarge", "trn1.32xlarge", "c7g.16xlarge", "m7g.8xlarge"];
export const UNSUPPORTED_TYPE = "inf2.48xlarge";
export const MODEL_TAG = "fleet-console/model";
export const MODEL_LABEL = "fleet-console.io/model";
export const POOL_TAG = { key: "fleet-console/pool", value: "serving" };
/** A label value on pods that no declared model has. */
export const UNKNOWN_LABEL = "qwen-32b";
/** List $/h in the first region; region r lists at (1 + r / 10) times these. */
export const BASE_PRICES: Record<string, number> = {
  "trn2.48xlarge": 44.701,
  "trn1.32xlarge": 21.5,
  "c7g.16xlarge": 2.32,
  "m7g.8xlarge": 1.3056,
  "inf2.48xlarge": 12.9813,
};
export const zoneOf = (region: string, k: number) => `${region}${"abc"[k % 3]}`;
export const listPrice = (type: string, r: number) => Number((BASE_PRICES[type]! * (1 + r / 10)).toFixed(4));
