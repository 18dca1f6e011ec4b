import { describe, expect, it } from "vitest";
import type { ActionPreview } from "@/lib/fleet/actions/compute-action-preview";
import { preview } from "./guardrail-preview-fixture";
import { evaluateGuardrails } from "@/lib/fleet/actions/evaluate-guardrails";
import { BUILT_IN_APPROVAL_RULE } from "@/lib/fleet/actions/approval-policy";
import { DEFAULT_GUARDRAILS } from "@/lib/fleet/actions/guardrail-settings";
import { predictModelImpact } from "@/lib/fleet/actions/predict-model-impact";

const judge = (p: ActionPreview, overrides = {}, recentDrained = 0) =>
  evaluateGuardrails({
    preview: p,
    overrides,
    settings: DEFAULT_GUARDRAILS,
    rule: BUILT_IN_APPROVAL_RULE,
    actorRole: "operator",
    recentDrained,
  });

describe("evaluateGuardrails", () => {
  it("passes a small drain with nothing to approve", () => {
    expect(judge(preview({ kind: "drain", count: 2, inService: 20 }))).toEqual({
      refusals: [],
      overridesRequired: [],
      approvalReasons: [],
      allowedAlone: [],
      policySources: ["built-in"],
    });
  });
  it("asks a second person above 25 % and an override above 50 %", () => {
    expect(judge(preview({ kind: "drain", count: 6, inService: 20 })).approvalReasons).toEqual([
      "drains 30 % of the pool (above 25 %)",
    ]);
    expect(judge(preview({ kind: "drain", count: 11, inService: 20 })).overridesRequired.map((o) => o.key)).toEqual([
      "shareLimit",
    ]);
    const overridden = judge(preview({ kind: "drain", count: 11, inService: 20 }), { shareLimit: "decommissioning" });
    expect(overridden.overridesRequired).toEqual([]);
    expect(overridden.approvalReasons).toEqual(["overrides a guardrail: drains 55 % of the pool at once (limit 50 %)"]);
  });
  it("requires overrides for idle reservations, and for on-demand launches beyond what an operator may add alone", () => {
    expect(
      judge(preview({ kind: "drain", count: 1, inService: 10, reserved: 10 })).overridesRequired.map((o) => o.key),
    ).toEqual(["reservedIdle"]);
    // 1 instance beyond reserved at $1/h: within the built-in $250/h and 50 %: the operator goes alone.
    const small = judge(preview({ kind: "launch", count: 3, inService: 10, reserved: 12 }));
    expect(small.overridesRequired).toEqual([]);
    expect(small.approvalReasons).toEqual([]);
    expect(small.allowedAlone).toEqual([
      "launches 1 instance(s) beyond reserved capacity (12) at on-demand prices: +$1.00/h, within what an operator may add alone ($250.00/h and 50 % of the pool)",
    ]);
    // 3 × $100/h = +$300/h: over $250/h, so an override and a second person.
    expect(
      judge(preview({ kind: "launch", count: 3, inService: 10, onDemandUsd: 100 })).overridesRequired.map((o) => o.key),
    ).toEqual(["onDemand"]);
    expect(judge(preview({ kind: "launch", count: 2, inService: 10, reserved: 12 })).overridesRequired).toEqual([]);
  });
  it("refuses hard limits whatever the overrides", () => {
    const all = { shareLimit: "x".repeat(5), reservedIdle: "y".repeat(5), onDemand: "z".repeat(5) };
    expect(judge(preview({ kind: "launch", count: 5, inService: 10, max: 12 }), all).refusals).toEqual([
      "10 → 15 exceeds the pool maximum of 12 (at most 2 more)",
    ]);
    expect(
      judge(preview({ kind: "drain", count: 2, inService: 10, servingAfter: 7, minServing: 8 }), all).refusals,
    ).toEqual([expect.stringMatching(/below its minimum of 8/)]);
    expect(judge(preview({ kind: "drain", count: 201, inService: 400 }), all).refusals).toEqual([
      expect.stringMatching(/at most 200/),
    ]);
  });
});

// Issue 18's findings, each a case that today's code got wrong.
describe("guardrails that protect the SLO and the pool", () => {
  it("a drain leaving a model saturated needs an override with a reason, and then a second person", () => {
    const p = preview({ kind: "drain", count: 2, inService: 20, saturated: true });
    expect(judge(p).overridesRequired).toEqual([
      { key: "sloRisk", message: "m would be saturated (its p95 cannot be predicted)" },
    ]);
    expect(judge(p, { sloRisk: "traffic moves away at 10:00" }).approvalReasons).toEqual([
      "overrides a guardrail: m would be saturated (its p95 cannot be predicted)",
    ]);
  });

  it("a drain predicted to take a model's p95 over its SLO needs the same override", () => {
    // p95 after 260 ms against a 200 ms SLO: headroom -60 ms.
    expect(judge(preview({ kind: "drain", count: 2, inService: 20, p95After: 260 })).overridesRequired).toEqual([
      { key: "sloRisk", message: "m's p95 would be 260 ms, over its 200 ms SLO" },
    ]);
    // Exactly at the SLO (headroom 0) is within it.
    expect(judge(preview({ kind: "drain", count: 2, inService: 20, p95After: 200 })).overridesRequired).toEqual([]);
  });

  it("the pool minimum is a hard refusal, whatever the overrides", () => {
    const all = { shareLimit: "x".repeat(5), reservedIdle: "y".repeat(5), sloRisk: "z".repeat(5) };
    // desired 10 − 3 = 7 < min 8
    expect(judge(preview({ kind: "drain", count: 3, inService: 10, min: 8 }), all).refusals).toEqual([
      "would take the pool to 7 instances, below its minimum of 8",
    ]);
    expect(judge(preview({ kind: "drain", count: 2, inService: 10, min: 8 })).refusals).toEqual([]);
  });

  it("drains within the window count together: small drains add up to the same limits as one", () => {
    // Earlier drains took 8 of the pool's 20; 4 more is (8 + 4) / 20 = 60 %: over the 50 % limit.
    expect(judge(preview({ kind: "drain", count: 4, inService: 12 }), {}, 8).overridesRequired).toEqual([
      {
        key: "shareLimit",
        message: "drains 60 % of the pool within 24 h (8 instance(s) by earlier drains) (limit 50 %)",
      },
    ]);
    // (4 + 4) / 20 = 40 %: a second person, no override.
    expect(judge(preview({ kind: "drain", count: 4, inService: 16 }), {}, 4).approvalReasons).toEqual([
      "drains 40 % of the pool within 24 h (4 instance(s) by earlier drains) (above 25 %)",
    ]);
    // Alone, 4 of 16 is 25 %: nothing to approve.
    expect(judge(preview({ kind: "drain", count: 4, inService: 16 })).approvalReasons).toEqual([]);
  });
});

describe("predictModelImpact", () => {
  it("scales utilization by capacity and latency by the queueing factor", () => {
    // 60 % on 10 instances → 75 % on 8; p95 100 ms × (1 - 0.6) / (1 - 0.75) = 160 ms
    const impact = predictModelImpact({ before: 10, after: 8, utilizationPct: 60, latencyP95Ms: 100, sloP95Ms: 200 });
    expect(impact.utilizationPctAfter).toBeCloseTo(75, 10);
    expect(impact.latencyP95MsAfter).toBeCloseTo(160, 10);
    expect(impact.headroomMsAfter).toBeCloseTo(40, 10);
  });
  it("flags saturation and an empty pool", () => {
    expect(
      predictModelImpact({ before: 10, after: 5, utilizationPct: 60, latencyP95Ms: 100, sloP95Ms: 200 }),
    ).toMatchObject({ saturated: true, latencyP95MsAfter: null });
    expect(
      predictModelImpact({ before: 10, after: 0, utilizationPct: 60, latencyP95Ms: 100, sloP95Ms: 200 }),
    ).toMatchObject({ saturated: true, utilizationPctAfter: null });
  });
});
