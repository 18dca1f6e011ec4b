import { z } from "zod";
import { ZApprovalPolicy } from "@/lib/fleet/actions/approval-policy";
import type { DeclaredCommitment, DeclaredModel } from "@/lib/inventory/types";
import { checkFleetConfig } from "./check-fleet-config";
import {
  ZClusterName,
  ZInstanceType,
  ZLabelKey,
  ZLabelValue,
  ZRegion,
  ZReservationId,
  ZSlug,
  ZSourceKey,
  ZTagKey,
  ZTagValue,
  ZUsd,
  ZUsdPerHour,
  ZUtcDate,
} from "./fleet-config-fields";

// The fleet config file a platform team keeps in git (deploy/fleet-config.example.yaml): what AWS
// cannot tell the inventory sync. Objects are strict, so a misspelt key is an error, not a default.

const ZAws = z.strictObject({
  regions: z.array(ZRegion).min(1).max(40),
  /** DescribeAutoScalingGroups tag filters; values omitted: any value of the key. */
  autoScalingTagFilters: z
    .array(z.strictObject({ key: ZTagKey, values: z.array(ZTagValue).min(1).max(50).optional() }))
    .max(10)
    .default([]),
  /** ASG tag whose value is a model's label value. */
  modelTag: ZTagKey.default("fleet-console/model"),
  /** EKS clusters to read; omitted: every cluster in the regions. */
  clusters: z.array(ZClusterName).min(1).max(100).optional(),
  /** The Price List API has endpoints in these regions only. */
  pricingRegion: z.enum(["us-east-1", "eu-central-1", "ap-south-1"]).default("us-east-1"),
});

const ZKubernetes = z.strictObject({
  /** Pod label whose value is a model's label value. */
  modelLabel: ZLabelKey.default("fleet-console.io/model"),
});

const ZPricing = z.strictObject({
  /**
   * Private pricing / EDP: the share of the on-demand list price actually paid. Applies to Price
   * List prices only: overrides and Capacity Block prices are already what is paid.
   */
  effectiveRateFactor: z.number().gt(0).max(1).default(1),
  overrides: z
    .array(z.strictObject({ instanceType: ZInstanceType, region: ZRegion, usdPerHour: ZUsdPerHour }))
    .max(1000)
    .default([]),
  /** Capacity Blocks are booked at a price EC2 does not report back: it is declared here. */
  capacityBlocks: z
    .array(z.strictObject({ reservationId: ZReservationId, usdPerInstanceHour: ZUsdPerHour }))
    .max(1000)
    .default([]),
});

const ZModel = z
  .strictObject({
    id: ZSlug,
    displayName: z.string().trim().min(1).max(120),
    team: z.string().trim().min(1).max(64),
    /** Units of work: tokens (llm), images (vlm), items (ranking). */
    kind: z.enum(["llm", "vlm", "ranking"]),
    sloP95Ms: z.number().int().min(1).max(600_000),
    minServingInstances: z.number().int().min(0).max(100_000).default(1),
    match: z
      .strictObject({
        /** Model label / tag value on pods and ASGs; defaults to the id. */
        label: ZLabelValue.optional(),
        /** Value of the model dimension on CloudWatch application metrics; defaults to the id. */
        cloudwatchDimension: z.string().min(1).max(255).optional(),
      })
      .optional(),
  })
  .transform(({ match, ...m }) => ({
    ...m,
    match: { label: match?.label ?? m.id, cloudwatchDimension: match?.cloudwatchDimension ?? m.id },
  }));

const ZCommitment = z.strictObject({
  id: ZSlug,
  name: z.string().trim().min(1).max(200),
  totalUsd: ZUsd.refine((x) => x > 0, "must be above 0"),
  startAt: ZUtcDate,
  /** Exclusive: the first instant after the term. */
  endAt: ZUtcDate,
  /** Billed under the commitment before Fleet Console tracked telemetry. */
  priorSpendUsd: ZUsd.default(0),
  /** Planned spend per calendar year (UTC) of the term. */
  yearlyPlanUsd: z.record(z.string().regex(/^\d{4}$/, "must be a year such as 2026"), ZUsd).optional(),
  /** A shortfall at the end of the term is billed anyway (recommendations that widen it say so). */
  takeOrPay: z.boolean().default(false),
});

const ZPoolOverride = z.strictObject({
  /** A source key (asg/us-east-1/asg-batch) or the backing object's name (ASG, node group, NodePool). */
  match: z.union([ZSourceKey, z.strictObject({ backingId: z.string().min(1).max(255) })], {
    error: "must be a pool source key (eks/us-east-1/inference-use1/ng-atlas) or { backingId: <name> }",
  }),
  /** Leave the pool out of the inventory altogether. */
  exclude: z.boolean().default(false),
  /** The pool id used when the pool is first discovered (ids never change afterwards). */
  id: ZSlug.optional(),
  /** Replaces the models found from labels and tags. */
  models: z.array(ZSlug).min(1).max(50).optional(),
});

const ZFleetConfigShape = z.strictObject({
  version: z.literal(1, { error: "must be 1 (the only version this Fleet Console reads)" }),
  aws: ZAws,
  kubernetes: ZKubernetes.prefault({}),
  pricing: ZPricing.prefault({}),
  models: z.array(ZModel).min(1).max(1000),
  commitments: z.array(ZCommitment).max(100).default([]),
  pools: z.array(ZPoolOverride).max(10_000).default([]),
  /** Who may launch or drain alone and what needs a second admin, per chip family and pool (approval-policy.ts). */
  approvalPolicy: ZApprovalPolicy.prefault({}),
});

/** The file as written (before defaults). */
export type TFleetConfigInput = z.input<typeof ZFleetConfigShape>;
/** The parsed file: defaults applied, dates as Date. */
export type TFleetConfig = z.output<typeof ZFleetConfigShape>;

/** Shapes first, then the checks across fields (unique ids, terms, references), each with its path. */
export const ZFleetConfig = ZFleetConfigShape.superRefine(checkFleetConfig);
export type TFleetConfigModel = TFleetConfig["models"][number];
export type TFleetConfigCommitment = TFleetConfig["commitments"][number];
export type TFleetConfigPoolOverride = TFleetConfig["pools"][number];

export const toDeclaredModels = (config: TFleetConfig): DeclaredModel[] =>
  config.models.map((m) => ({
    id: m.id,
    displayName: m.displayName,
    team: m.team,
    kind: m.kind,
    sloP95Ms: m.sloP95Ms,
    minServingInstances: m.minServingInstances,
    labelValue: m.match.label,
    cloudwatchDimension: m.match.cloudwatchDimension,
  }));

export const toDeclaredCommitments = (config: TFleetConfig): DeclaredCommitment[] =>
  config.commitments.map((c) => ({
    id: c.id,
    name: c.name,
    totalUsd: c.totalUsd,
    startAt: c.startAt,
    endAt: c.endAt,
    priorSpendUsd: c.priorSpendUsd,
    yearlyPlanUsd: c.yearlyPlanUsd ?? null,
    takeOrPay: c.takeOrPay,
  }));
