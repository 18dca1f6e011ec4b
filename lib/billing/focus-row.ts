import { z } from "zod";

// The FOCUS 1.2 columns Fleet Console reads, as a zod schema over one record (header → text).
// Other columns (and the provider's x_ extras) are ignored. Money and quantities stay decimal
// strings, as AWS writes them, so sums in PostgreSQL are exact; an empty cell is null (FOCUS leaves
// a column empty where it does not apply) and never 0.

/** The columns a file must have in its header; a file without one of them is refused. */
export const FOCUS_REQUIRED_COLUMNS = [
  "BillingPeriodStart",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ChargeCategory",
  "ServiceName",
  "ResourceId",
  "EffectiveCost",
  "ListCost",
  "BilledCost",
] as const;

export const FOCUS_OPTIONAL_COLUMNS = [
  "ChargeDescription",
  "RegionId",
  "PricingQuantity",
  "CommitmentDiscountId",
  "CommitmentDiscountStatus",
  "CapacityReservationId",
  "CapacityReservationStatus",
  "Tags",
] as const;

const empty = (v: unknown) => (v === "" ? null : v);
const text = z.preprocess(empty, z.string().max(2048).nullable());
const DECIMAL = /^-?\d{1,14}(\.\d{1,10})?$/;
const decimal = z.string().regex(DECIMAL, "not a decimal number");
// ISO 8601 in UTC, with or without milliseconds, with "T" or a space (AWS writes both forms).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|\+00:00)?$/;
const timestamp = z
  .string()
  .regex(TIMESTAMP, "not a UTC timestamp")
  .transform((s) => new Date(s.replace(" ", "T").replace(/(Z|\+00:00)?$/, "Z")))
  .refine((d) => !Number.isNaN(d.getTime()), "not a valid date");

const ZTags = z.preprocess(
  (v) => {
    if (v === "" || v === undefined || v === null) return {};
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  },
  z.record(z.string().max(256), z.string().max(256), "Tags is not a JSON object of strings"),
);

export const ZFocusRow = z
  .object({
    BillingPeriodStart: timestamp,
    ChargePeriodStart: timestamp,
    ChargePeriodEnd: timestamp,
    ChargeCategory: z.enum(["Usage", "Purchase", "Tax", "Credit", "Adjustment"]),
    ChargeDescription: text.optional().default(null),
    ServiceName: z.string().min(1).max(256),
    ResourceId: text,
    RegionId: text.optional().default(null),
    PricingQuantity: z.preprocess(empty, decimal.nullable()).optional().default(null),
    ListCost: decimal,
    BilledCost: decimal,
    EffectiveCost: decimal,
    CommitmentDiscountId: text.optional().default(null),
    CommitmentDiscountStatus: z
      .preprocess(empty, z.enum(["Used", "Unused"]).nullable())
      .optional()
      .default(null),
    CapacityReservationId: text.optional().default(null),
    CapacityReservationStatus: z
      .preprocess(empty, z.enum(["Used", "Unused"]).nullable())
      .optional()
      .default(null),
    Tags: ZTags.optional().default({}),
  })
  .refine((r) => r.ChargePeriodEnd > r.ChargePeriodStart, "ChargePeriodEnd is not after ChargePeriodStart");

export type FocusRow = z.infer<typeof ZFocusRow>;
