// What "a unit of work" is for each model kind, and the scale cost is quoted at.
export type ModelKindName = "llm" | "vlm" | "ranking";

export const UNIT_BY_KIND: Record<
  ModelKindName,
  { unit: string; scale: number; costLabel: string; rateLabel: string }
> = {
  llm: { unit: "tokens", scale: 1_000_000, costLabel: "$/1M tokens", rateLabel: "tokens/s" },
  vlm: { unit: "images", scale: 1_000, costLabel: "$/1k images", rateLabel: "images/s" },
  ranking: { unit: "requests", scale: 1_000_000, costLabel: "$/1M requests", rateLabel: "items/s" },
};
