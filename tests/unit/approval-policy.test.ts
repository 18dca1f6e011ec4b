import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import {
  BUILT_IN_APPROVAL_RULE,
  EMPTY_APPROVAL_POLICY,
  resolveApprovalRule,
  type ApprovalRule,
} from "@/lib/fleet/actions/approval-policy";
import { evaluateGuardrails } from "@/lib/fleet/actions/evaluate-guardrails";
import { DEFAULT_GUARDRAILS } from "@/lib/fleet/actions/guardrail-settings";
import { FleetConfigError, parseFleetConfigText } from "@/lib/inventory/fleet-config/load-fleet-config";
import { preview } from "./guardrail-preview-fixture";

// The approval policy (issue 17, item 6): hand-computed cases at its limits. Every $ figure below
// is count × the hand-set price per instance-hour.
const rule = (over: Partial<ApprovalRule["launchOnDemand"]> = {}, change = 1000): ApprovalRule => ({
  ...BUILT_IN_APPROVAL_RULE,
  launchOnDemand: { ...BUILT_IN_APPROVAL_RULE.launchOnDemand, ...over },
  approvalAboveUsdPerHourChange: change,
});
const judge = (p: ReturnType<typeof preview>, r: ApprovalRule, actorRole: Role = "operator", overrides = {}) =>
  evaluateGuardrails({ preview: p, overrides, settings: DEFAULT_GUARDRAILS, rule: r, actorRole, recentDrained: 0 });

describe("on-demand launches an operator may do alone", () => {
  const r = rule({ maxUsdPerHour: 100, maxSharePct: 50 });

  it("is alone up to the $/h limit inclusive, and needs an override and a second person one instance past it", () => {
    // 8 × $12.50 = $100.00: at the limit.
    const at = judge(preview({ kind: "launch", count: 8, inService: 40, onDemandUsd: 12.5 }), r);
    expect(at).toMatchObject({ refusals: [], overridesRequired: [], approvalReasons: [] });
    expect(at.allowedAlone).toEqual([
      "launches 8 instance(s) beyond reserved capacity (0) at on-demand prices: +$100.00/h, within what an operator may add alone ($100.00/h and 50 % of the pool)",
    ]);
    // 9 × $12.50 = $112.50: over it.
    const over = judge(preview({ kind: "launch", count: 9, inService: 40, onDemandUsd: 12.5 }), r);
    expect(over.allowedAlone).toEqual([]);
    expect(over.overridesRequired).toEqual([
      {
        key: "onDemand",
        message:
          "launches 9 instance(s) beyond reserved capacity (0) at on-demand prices (+$112.50/h is over the $100.00/h an operator may add alone)",
      },
    ]);
    // With the override's reason it goes on, awaiting a second person.
    expect(
      judge(preview({ kind: "launch", count: 9, inService: 40, onDemandUsd: 12.5 }), r, "operator", {
        onDemand: "incident 4411: queue growing",
      }).approvalReasons,
    ).toEqual([
      "overrides a guardrail: launches 9 instance(s) beyond reserved capacity (0) at on-demand prices (+$112.50/h is over the $100.00/h an operator may add alone)",
    ]);
  });

  it("compares whole cents: 3 × $0.10 (0.30000000000000004 in floating point) is at a $0.30 limit", () => {
    const p = preview({ kind: "launch", count: 3, inService: 40, onDemandUsd: 0.1 });
    expect(3 * 0.1).toBeGreaterThan(0.3);
    expect(judge(p, rule({ maxUsdPerHour: 0.3 })).allowedAlone).toHaveLength(1);
    expect(judge(p, rule({ maxUsdPerHour: 0.29 })).overridesRequired.map((o) => o.key)).toEqual(["onDemand"]);
  });

  it("counts only what the bill adds: instances filling idle reserved capacity cost nothing more", () => {
    // 10 in service, 12 reserved ($5/h), on demand $40/h; launching 4 fills 2 reserved and adds 2 on demand:
    // bill before 12 × 5 = $60; after 12 × 5 + 2 × 40 = $140; +$80.00 (spend alone would say +$90).
    const p = preview({ kind: "launch", count: 4, inService: 10, reserved: 12, reservedUsd: 5, onDemandUsd: 40 });
    expect(judge(p, rule({ maxUsdPerHour: 80 })).allowedAlone[0]).toContain("+$80.00/h");
    expect(judge(p, rule({ maxUsdPerHour: 79.99 })).overridesRequired.map((o) => o.key)).toEqual(["onDemand"]);
  });

  it("is alone up to the share limit inclusive: 5 of 10 is 50 %, 6 is 60 %", () => {
    expect(judge(preview({ kind: "launch", count: 5, inService: 10 }), r).allowedAlone).toHaveLength(1);
    expect(judge(preview({ kind: "launch", count: 6, inService: 10 }), r).overridesRequired[0]!.message).toContain(
      "60 % is over the 50 % of the pool an operator may add alone",
    );
  });

  it("asks who: an admin-only rule needs a second person for an operator but not for an admin; nobody: for both", () => {
    const p = preview({ kind: "launch", count: 2, inService: 10 });
    expect(judge(p, rule({ alone: "admin" }), "operator").overridesRequired[0]!.message).toContain(
      "the approval policy lets only an admin add on-demand capacity alone",
    );
    expect(judge(p, rule({ alone: "admin" }), "admin").allowedAlone).toHaveLength(1);
    expect(judge(p, rule({ alone: "nobody" }), "admin").overridesRequired.map((o) => o.key)).toEqual(["onDemand"]);
  });
});

describe("what always needs a second person", () => {
  it("a change of the bill above the $/h limit, either way, exclusive of the limit", () => {
    // Draining 25 of 100 at $40/h: −$1,000.00, at the limit (and 25 % of the pool, not above 25 %).
    const at = judge(preview({ kind: "drain", count: 25, inService: 100, onDemandUsd: 40 }), rule());
    expect(at.approvalReasons).toEqual([]);
    // 25 at $40.50/h: −$1,012.50.
    expect(
      judge(preview({ kind: "drain", count: 25, inService: 100, onDemandUsd: 40.5 }), rule()).approvalReasons,
    ).toEqual(["changes the pool's spend by -$1,012.50/h (above $1,000.00/h)"]);
    // A launch: +$1,012.50 is over the on-demand limit too (override) and a second person either way.
    const launch = judge(
      preview({ kind: "launch", count: 25, inService: 100, onDemandUsd: 40.5 }),
      rule({ maxUsdPerHour: 5000, maxSharePct: 100 }),
    );
    expect(launch.allowedAlone).toHaveLength(1);
    expect(launch.approvalReasons).toEqual(["changes the pool's spend by +$1,012.50/h (above $1,000.00/h)"]);
  });

  it("a drain cutting a model's p95 headroom under 10 % of its SLO (200 ms SLO: under 20 ms)", () => {
    const r = rule();
    expect(judge(preview({ kind: "drain", count: 1, inService: 20, p95After: 180 }), r).approvalReasons).toEqual([]);
    expect(judge(preview({ kind: "drain", count: 1, inService: 20, p95After: 181 }), r).approvalReasons).toEqual([
      "m's p95 headroom would be 19 ms of its 200 ms SLO (under 10 %)",
    ]);
  });

  it("going below reserved capacity and past the SLO still need an override and a second person", () => {
    const p = preview({ kind: "drain", count: 1, inService: 10, reserved: 10, p95After: 260 });
    expect(judge(p, rule(), "admin").overridesRequired.map((o) => o.key)).toEqual(["sloRisk", "reservedIdle"]);
  });
});

describe("resolveApprovalRule", () => {
  const config = parseFleetConfigText({
    text: readFileSync("deploy/fleet-config.example.yaml", "utf8"),
    fileName: "deploy/fleet-config.example.yaml",
  });

  it("is the built-in rule without a policy", () => {
    expect(resolveApprovalRule(EMPTY_APPROVAL_POLICY, { id: "x", chipFamily: "graviton" })).toEqual(
      BUILT_IN_APPROVAL_RULE,
    );
  });

  it("layers default ← chip family ← pool, each setting only what it names (the example file)", () => {
    const helios = resolveApprovalRule(config.approvalPolicy, {
      id: "helios-405b-use1-trn2-a",
      chipFamily: "trainium",
    });
    expect(helios.launchOnDemand).toEqual({ alone: "admin", maxUsdPerHour: 500, maxSharePct: 50 });
    expect(helios.sources).toEqual(["built-in", "default", "chip family trainium", "pool helios-405b-use1-trn2-a"]);
    const graviton = resolveApprovalRule(config.approvalPolicy, {
      id: "rank-xl-ctr-use1-r8g-b",
      chipFamily: "graviton",
    });
    expect(graviton.launchOnDemand).toEqual({ alone: "operator", maxUsdPerHour: 250, maxSharePct: 100 });
    expect(graviton.drain).toEqual({
      approvalAboveSharePct: 25,
      overrideAboveSharePct: 50,
      approvalBelowSloHeadroomPct: 10,
    });
    expect(graviton.approvalAboveUsdPerHourChange).toBe(1000);
  });

  it("refuses a misspelt key or a role that is not one, naming the line", () => {
    const base = readFileSync("deploy/fleet-config.example.yaml", "utf8").split("approvalPolicy:")[0]!;
    const bad = `${base}approvalPolicy:\n  default:\n    launchOnDemand: { alone: intern, maxUsdPerHr: 5 }\n`;
    const line = bad.split("\n").length - 1;
    try {
      parseFleetConfigText({ text: bad, fileName: "f.yaml" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FleetConfigError);
      const text = (e as Error).message;
      expect(text).toContain(`f.yaml:${line}:`);
      expect(text).toContain("approvalPolicy.default.launchOnDemand");
      expect(text).toMatch(/maxUsdPerHr/);
    }
  });
});
