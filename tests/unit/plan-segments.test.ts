import { describe, expect, it } from "vitest";
import { planSegments } from "@/lib/telemetry/sql/query-telemetry-sums";

const at = (iso: string) => new Date(`2026-11-${iso}Z`);
const shape = (segments: ReturnType<typeof planSegments>) =>
  segments.map((s) => `${s.table} ${s.from.toISOString().slice(8, 16)}→${s.to.toISOString().slice(8, 16)}`);

describe("planSegments", () => {
  const day = { from: at("21T21:20:00"), to: at("22T21:20:00"), table: "minute" as const };

  it("reads the whole hours of a minute range from the rollups and only the ragged edges from minutes", () => {
    expect(shape(planSegments({ ...day, stepSeconds: 600 }, false))).toEqual([
      "hourly 21T22:00→22T21:00",
      "minute 21T21:20→21T22:00",
      "minute 22T21:00→22T21:20",
    ]);
  });

  it("keeps minute rows when buckets are finer than an hour (an hourly row cannot be split)", () => {
    expect(shape(planSegments({ ...day, stepSeconds: 600 }, true))).toEqual(["minute 21T21:20→22T21:20"]);
  });

  it("uses the rollups for hour-sized buckets", () => {
    expect(shape(planSegments({ ...day, stepSeconds: 3600 }, true))).toEqual([
      "hourly 21T22:00→22T21:00",
      "minute 21T21:20→21T22:00",
      "minute 22T21:00→22T21:20",
    ]);
  });

  it("drops empty edges when the range is hour-aligned", () => {
    expect(
      shape(planSegments({ from: at("22T00:00:00"), to: at("22T06:00:00"), table: "minute", stepSeconds: 120 }, false)),
    ).toEqual(["hourly 22T00:00→22T06:00"]);
  });

  it("reads minutes only for a window inside one hour", () => {
    expect(
      shape(planSegments({ from: at("22T21:10:00"), to: at("22T21:15:00"), table: "minute", stepSeconds: 60 }, false)),
    ).toEqual(["minute 22T21:10→22T21:15"]);
    expect(
      shape(planSegments({ from: at("22T20:30:00"), to: at("22T21:15:00"), table: "minute", stepSeconds: 60 }, false)),
    ).toEqual(["minute 22T20:30→22T21:15"]);
  });

  it("reads an hour-aligned long range from the rollups alone", () => {
    expect(
      shape(
        planSegments({ from: at("01T00:00:00"), to: at("22T22:00:00"), table: "hourly", stepSeconds: 86400 }, true),
      ),
    ).toEqual(["hourly 01T00:00→22T22:00"]);
  });
});

describe("month-to-date and capacity windows", () => {
  it("end exactly at the data end: whole hours from the rollups, the current hour from minutes", async () => {
    const { monthToDateWindow, hourlyWindow } = await import("@/lib/read-model/telemetry-windows");
    const end = at("22T21:37:00");
    expect(shape(planSegments(monthToDateWindow(end), true))).toEqual([
      "hourly 01T00:00→22T21:00",
      "minute 22T21:00→22T21:37",
    ]);
    // A whole past month stays on the rollups alone.
    expect(shape(planSegments(hourlyWindow(at("01T00:00:00"), at("22T00:00:00")), true))).toEqual([
      "hourly 01T00:00→22T00:00",
    ]);
  });
});
