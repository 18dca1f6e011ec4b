import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { resolveRange } from "@/lib/telemetry/sql/time-range";

const now = new Date("2026-11-22T18:37:00Z");

describe("resolveRange", () => {
  it("answers up to 24 h from the minute table and longer ranges from hourly rollups", () => {
    expect(resolveRange({ range: "1h" }, now)).toMatchObject({
      table: "minute",
      stepSeconds: 60,
      to: now,
      from: new Date("2026-11-22T17:37:00Z"),
    });
    expect(resolveRange({ range: "24h" }, now)).toMatchObject({ table: "minute", stepSeconds: 600 });
    const week = resolveRange({ range: "7d" }, now);
    expect(week).toMatchObject({ table: "hourly", stepSeconds: 3600, to: new Date("2026-11-22T19:00:00Z") });
    expect(resolveRange({ range: "90d" }, now)).toMatchObject({ table: "hourly", stepSeconds: 43200 });
  });

  it("refuses custom ranges that are reversed, incomplete or longer than 455 days", () => {
    const bad = [
      { range: "custom" as const, from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" },
      { range: "custom" as const, from: "2026-11-02T00:00:00Z" },
      { range: "custom" as const, from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" },
      { range: "24h" as const, from: "2026-11-01T00:00:00Z" },
    ];
    for (const params of bad) expect(() => resolveRange(params, now)).toThrow(AppError);
  });

  it("aligns a custom range to its buckets", () => {
    const r = resolveRange({ range: "custom", from: "2026-11-01T00:07:00Z", to: "2026-11-03T00:00:00Z" }, now);
    expect(r).toMatchObject({
      table: "hourly",
      stepSeconds: 3600,
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-11-03T00:00:00Z"),
    });
  });
});

describe("sparkStepSeconds", () => {
  it("gives the pools table ~24 sparkline buckets whether or not `from` was floored past the preset", async () => {
    const { sparkStepSeconds } = await import("@/lib/pools/list-pools");
    // An even and an odd minute: 6 h at 120 s steps floors `from` by 0 or 60 s.
    for (const now of ["2026-11-22T22:38:00Z", "2026-11-22T22:37:00Z"]) {
      expect(sparkStepSeconds(resolveRange({ range: "6h" }, new Date(now))), now).toBe(900);
      expect(sparkStepSeconds(resolveRange({ range: "24h" }, new Date(now))), now).toBe(3600);
    }
    expect(sparkStepSeconds(resolveRange({ range: "1h" }, new Date("2026-11-22T22:37:00Z")))).toBe(300);
  });
});
