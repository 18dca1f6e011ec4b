import { z } from "zod";

// Who may change a pool alone and what needs a second person (the two-person rule), declared per
// chip family and per pool in the fleet config file (`approvalPolicy:`, README "Approval policy").
// Pure: the schema, the defaults and the resolution; get-approval-policy.ts reads the file.

/** The lowest role that may act alone within a rule's limits; "nobody": always a second person. */
export const ZAloneRole = z.enum(["operator", "admin", "nobody"]);
export type TAloneRole = z.infer<typeof ZAloneRole>;

const ZUsdPerHourLimit = z.number().min(0).max(10_000_000);
const ZSharePct = z.number().min(0).max(100);

/** One level of the policy (default, a chip family, a pool): every field optional, merged field by field. */
const ZApprovalRuleInput = z.strictObject({
  /** A launch that adds on-demand instances (beyond the pool's reserved capacity). */
  launchOnDemand: z
    .strictObject({
      alone: ZAloneRole.optional(),
      /** Up to this much added $/h (inclusive, in whole cents) the `alone` role needs nobody else. */
      maxUsdPerHour: ZUsdPerHourLimit.optional(),
      /** ...and up to this many instances, as a % of those in service (inclusive). */
      maxSharePct: z.number().min(0).max(10_000).optional(),
    })
    .optional(),
  drain: z
    .strictObject({
      /** A drain of more than this % of the pool (this one plus the window's earlier drains) needs a second person. */
      approvalAboveSharePct: ZSharePct.optional(),
      /** More than this % needs an explicit override with a reason (and then a second person). */
      overrideAboveSharePct: ZSharePct.optional(),
      /** A drain leaving any model with less p95 headroom than this % of its SLO needs a second person. */
      approvalBelowSloHeadroomPct: ZSharePct.optional(),
    })
    .optional(),
  /** Any launch or drain that changes the pool's $/h by more than this, either way, needs a second person. */
  approvalAboveUsdPerHourChange: ZUsdPerHourLimit.optional(),
});
export type TApprovalRuleInput = z.infer<typeof ZApprovalRuleInput>;

export const ZApprovalPolicy = z.strictObject({
  default: ZApprovalRuleInput.prefault({}),
  chipFamilies: z
    .strictObject({ trainium: ZApprovalRuleInput.optional(), graviton: ZApprovalRuleInput.optional() })
    .prefault({}),
  /** Most specific: a pool by its Fleet Console id. */
  pools: z
    .array(ZApprovalRuleInput.extend({ pool: z.string().regex(/^[a-z0-9][a-z0-9-]{0,199}$/, "a pool id") }))
    .max(10_000)
    .default([]),
});
export type TApprovalPolicy = z.output<typeof ZApprovalPolicy>;

/** A pool's rule with every field decided. */
export type ApprovalRule = {
  launchOnDemand: { alone: TAloneRole; maxUsdPerHour: number; maxSharePct: number };
  drain: { approvalAboveSharePct: number; overrideAboveSharePct: number; approvalBelowSloHeadroomPct: number };
  approvalAboveUsdPerHourChange: number;
  /** Which levels of the policy set it, least specific first ("built-in", "default", "chip family graviton", "pool x"). */
  sources: string[];
};

/**
 * The built-in policy, where the file says nothing: an operator may add on-demand capacity alone
 * (an incident's scale-up) up to $250/h and half the pool again; a second admin for drains over
 * 25 % of the pool or leaving a model under 10 % p95 headroom, for any change over $1,000/h, and
 * (with an override) for drains over 50 %, below reserved capacity or past the SLO.
 */
export const BUILT_IN_APPROVAL_RULE: ApprovalRule = {
  launchOnDemand: { alone: "operator", maxUsdPerHour: 250, maxSharePct: 50 },
  drain: { approvalAboveSharePct: 25, overrideAboveSharePct: 50, approvalBelowSloHeadroomPct: 10 },
  approvalAboveUsdPerHourChange: 1000,
  sources: ["built-in"],
};

export const EMPTY_APPROVAL_POLICY: TApprovalPolicy = ZApprovalPolicy.parse({});

function merge(rule: ApprovalRule, level: TApprovalRuleInput | undefined, source: string): ApprovalRule {
  if (!level) return rule;
  return {
    launchOnDemand: { ...rule.launchOnDemand, ...definedOnly(level.launchOnDemand) },
    drain: { ...rule.drain, ...definedOnly(level.drain) },
    approvalAboveUsdPerHourChange: level.approvalAboveUsdPerHourChange ?? rule.approvalAboveUsdPerHourChange,
    sources: [...rule.sources, source],
  };
}

const definedOnly = <T extends object>(o: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The rule for one pool: built-in ← default ← chip family ← pool, each level overriding the fields it sets. */
export function resolveApprovalRule(
  policy: TApprovalPolicy,
  pool: { id: string; chipFamily: "trainium" | "graviton" },
): ApprovalRule {
  let rule = merge(BUILT_IN_APPROVAL_RULE, policy.default, "default");
  if (Object.keys(policy.default).length === 0) rule = { ...rule, sources: ["built-in"] };
  rule = merge(rule, policy.chipFamilies[pool.chipFamily], `chip family ${pool.chipFamily}`);
  return merge(
    rule,
    policy.pools.find((p) => p.pool === pool.id),
    `pool ${pool.id}`,
  );
}
