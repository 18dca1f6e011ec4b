import { z } from "zod";

// Field schemas the fleet config file is built from. Bounds are sanity limits, well past any real
// fleet, that catch a misplaced digit or a unit mix-up (seconds for milliseconds) at load time.

/** URL-safe slug: lower-case letters and digits in dash-separated words (model, commitment, pool ids). */
export const ZSlug = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a slug: lower-case letters, digits and single dashes (atlas-70b-chat)");

// Region names by pattern, not a list: a region AWS opens next year must not need a release.
// Commercial, GovCloud and China partitions (us-east-1, us-gov-west-1, cn-north-1, ap-southeast-5).
export const ZRegion = z
  .string()
  .regex(
    /^(?:af|ap|ca|cn|eu|il|me|mx|sa|us)(?:-gov|-iso[a-z]?)?-(?:central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2}$/,
    "must be an AWS region name such as us-east-1",
  );

/** Kubernetes label value (also used as an ASG tag value): 63 characters, alphanumeric at both ends. */
export const ZLabelValue = z
  .string()
  .max(63)
  .regex(
    /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
    "must be a Kubernetes label value: letters, digits, '-', '_', '.', starting and ending with a letter or digit",
  );

/** Kubernetes label key: an optional DNS-subdomain prefix and a slash, then a 63-character name. */
export const ZLabelKey = z
  .string()
  .max(317)
  .regex(
    /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    "must be a Kubernetes label key such as fleet-console.io/model",
  );

/** AWS tag key (128 characters; the aws: prefix is AWS's own). */
export const ZTagKey = z
  .string()
  .min(1)
  .max(128)
  .refine((k) => !k.startsWith("aws:"), "must not use the reserved aws: prefix");
export const ZTagValue = z.string().max(256);

export const ZInstanceType = z
  .string()
  .max(64)
  .regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, "must be an EC2 instance type such as trn2.48xlarge");

/** EC2 capacity reservation id: cr- and 17 hexadecimal digits. */
export const ZReservationId = z
  .string()
  .regex(/^cr-[0-9a-f]{17}$/, "must be a capacity reservation id: cr- and 17 hex digits (cr-0123456789abcdef0)");

/** US dollars with at most cents (a commitment is a contract sum). */
const maxUsd = 1e12;
export const ZUsd = z
  .number()
  .min(0)
  .max(maxUsd)
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, "must be whole cents (at most 2 decimal places)");
/** Whole cents, so sums of dollar amounts are exact. */
export const toCents = (usd: number): number => Math.round(usd * 100);

/** An hourly instance price: above zero, below anything EC2 sells (u7in-32tb.224xlarge lists near $400). */
export const ZUsdPerHour = z.number().gt(0).max(1000);

// Dates are UTC: a bare day is its midnight; an instant must carry Z or an offset, never local time.
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const parseUtcDate = (s: string): Date | null => {
  const day = dayPattern.exec(s);
  if (day) {
    const d = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    // Date.UTC rolls 2024-02-30 over into March: a date that does not survive the round trip is invalid.
    return d.toISOString().slice(0, 10) === s ? d : null;
  }
  if (!instantPattern.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
};
export const ZUtcDate = z.string().transform((s, ctx) => {
  const d = parseUtcDate(s);
  if (!d || d.getUTCFullYear() < 2000 || d.getUTCFullYear() > 2100) {
    ctx.addIssue({
      code: "custom",
      message: "must be a date YYYY-MM-DD or an instant with a zone (2024-01-01T00:00:00Z), between 2000 and 2100",
    });
    return z.NEVER;
  }
  return d;
});

const clusterName = "[A-Za-z0-9][A-Za-z0-9_-]{0,99}";
const sourceKeyPatterns = [
  new RegExp(`^asg/([^/]+)/(.{1,255})$`),
  new RegExp(`^eks/([^/]+)/${clusterName}/[A-Za-z0-9][A-Za-z0-9_-]{0,62}$`),
  new RegExp(`^karpenter/([^/]+)/${clusterName}/[a-z0-9][-a-z0-9.]{0,252}$`),
];
/** The region of a pool source key (DiscoveredPool.sourceKey), or null when it is not one. */
export function regionOfSourceKey(key: string): string | null {
  for (const pattern of sourceKeyPatterns) {
    const m = pattern.exec(key);
    if (m && ZRegion.safeParse(m[1]).success) return m[1]!;
  }
  return null;
}
export const ZSourceKey = z
  .string()
  .refine(
    (k) => regionOfSourceKey(k) !== null,
    "must be a pool source key: asg/<region>/<name>, eks/<region>/<cluster>/<nodegroup> or karpenter/<region>/<cluster>/<nodepool>",
  );
export const ZClusterName = z
  .string()
  .regex(new RegExp(`^${clusterName}$`), "must be an EKS cluster name: letters, digits, '-' and '_'");
