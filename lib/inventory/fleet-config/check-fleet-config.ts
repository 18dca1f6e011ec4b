import type { z } from "zod";
import { formatFieldPath } from "./field-path";
import { regionOfSourceKey, toCents } from "./fleet-config-fields";
import type { TFleetConfig } from "./fleet-config-schema";

// The checks across fields of a fleet config file whose shapes are valid. Each problem is reported
// at the field to change (for a duplicate, the second occurrence), so the error names its line.

type Path = (string | number)[];
/** `at: "key"`: the problem is the key itself (a plan year), not its value. */
type Report = (path: Path, message: string, at?: "key") => void;

/** Reports every value after its first occurrence, naming where that first one is. */
function checkUnique<T>(
  items: T[],
  keyOf: (item: T) => string | null,
  at: (i: number) => Path,
  what: string,
  report: Report,
) {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (key === null) return;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, i);
    else report(at(i), `duplicate ${what} ${JSON.stringify(key)} (first at ${formatFieldPath(at(seen))})`);
  });
}

function checkModels(config: TFleetConfig, report: Report) {
  checkUnique(
    config.models,
    (m) => m.id,
    (i) => ["models", i, "id"],
    "model id",
    report,
  );
  // A repeated id repeats its default label too: that is one mistake, reported once, at the id.
  const firstWithId = new Set(config.models.map((m) => config.models.find((x) => x.id === m.id)!));
  checkUnique(
    config.models,
    (m) => (firstWithId.has(m) ? m.match.label : null),
    (i) => ["models", i, "match", "label"],
    "model label",
    report,
  );
}

function checkCommitments(config: TFleetConfig, report: Report) {
  checkUnique(
    config.commitments,
    (c) => c.id,
    (i) => ["commitments", i, "id"],
    "commitment id",
    report,
  );
  config.commitments.forEach((c, i) => {
    const at = (...rest: Path): Path => ["commitments", i, ...rest];
    if (c.endAt.getTime() <= c.startAt.getTime()) {
      report(at("endAt"), `must be after startAt (${c.startAt.toISOString()})`);
      return;
    }
    if (!c.yearlyPlanUsd) return;
    let plannedCents = 0;
    for (const [year, usd] of Object.entries(c.yearlyPlanUsd)) {
      plannedCents += toCents(usd);
      const yearStart = Date.UTC(Number(year), 0, 1);
      const yearEnd = Date.UTC(Number(year) + 1, 0, 1);
      if (yearEnd <= c.startAt.getTime() || yearStart >= c.endAt.getTime()) {
        report(
          at("yearlyPlanUsd", year),
          `year ${year} is outside the term (${c.startAt.toISOString()} to ${c.endAt.toISOString()})`,
          "key",
        );
      }
    }
    if (plannedCents > toCents(c.totalUsd)) {
      report(at("yearlyPlanUsd"), `plans ${plannedCents / 100} USD in all, more than totalUsd (${c.totalUsd})`);
    }
  });
}

function checkPricing(config: TFleetConfig, report: Report) {
  const { overrides, capacityBlocks } = config.pricing;
  checkUnique(
    overrides,
    (o) => `${o.instanceType} in ${o.region}`,
    (i) => ["pricing", "overrides", i],
    "price override for",
    report,
  );
  checkUnique(
    capacityBlocks,
    (b) => b.reservationId,
    (i) => ["pricing", "capacityBlocks", i, "reservationId"],
    "Capacity Block",
    report,
  );
}

function checkPools(config: TFleetConfig, report: Report) {
  const modelIds = new Set(config.models.map((m) => m.id));
  const regions = new Set(config.aws.regions);
  const matchKey = (p: TFleetConfig["pools"][number]) =>
    typeof p.match === "string" ? p.match : `backingId ${p.match.backingId}`;
  checkUnique(config.pools, matchKey, (i) => ["pools", i, "match"], "pool match", report);
  checkUnique(
    config.pools,
    (p) => p.id ?? null,
    (i) => ["pools", i, "id"],
    "pool id",
    report,
  );
  config.pools.forEach((p, i) => {
    if (typeof p.match === "string") {
      const region = regionOfSourceKey(p.match);
      if (region && !regions.has(region)) report(["pools", i, "match"], `region ${region} is not in aws.regions`);
    }
    if (p.exclude && (p.id !== undefined || p.models !== undefined)) {
      report(["pools", i, "exclude"], "an excluded pool takes no id or models");
    } else if (!p.exclude && p.id === undefined && p.models === undefined) {
      report(["pools", i], "says nothing about the pool: set exclude, id or models");
    }
    p.models?.forEach((m, j) => {
      if (!modelIds.has(m)) report(["pools", i, "models", j], `unknown model id ${JSON.stringify(m)} (not in models)`);
    });
  });
}

export function checkFleetConfig(config: TFleetConfig, ctx: z.RefinementCtx<TFleetConfig>): void {
  const report: Report = (path, message, at) =>
    ctx.addIssue({ code: "custom", path, message, ...(at ? { params: { at } } : {}) });
  checkUnique(
    config.aws.regions,
    (r) => r,
    (i) => ["aws", "regions", i],
    "region",
    report,
  );
  checkModels(config, report);
  checkCommitments(config, report);
  checkPricing(config, report);
  checkPools(config, report);
}
