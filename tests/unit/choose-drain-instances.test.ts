import { describe, expect, it } from "vitest";
import { chooseDrainInstances } from "@/lib/fleet/actions/choose-drain-instances";
import type { FleetInstance } from "@/lib/fleet/provider";

const at = (iso: string) => new Date(iso);
const instance = (
  instanceId: string,
  launchedAt: Date | null,
  lifecycle: FleetInstance["lifecycle"] = "in_service",
): FleetInstance => ({
  instanceId,
  nodeName: `node-${instanceId}`,
  lifecycle,
  launchedAt,
});

describe("chooseDrainInstances", () => {
  const fleet = [
    instance("i-old", at("2026-11-01T00:00:00Z")),
    instance("i-b", at("2026-11-20T10:00:00Z")),
    instance("i-a", at("2026-11-20T10:00:00Z")),
    instance("i-c", at("2026-11-20T10:00:00Z")),
    instance("i-unknown", null),
    instance("i-newest-pending", at("2026-11-22T00:00:00Z"), "pending"),
    instance("i-newest-terminating", at("2026-11-22T00:00:00Z"), "terminating"),
  ];

  it("takes in-service instances newest first, ties by id, those without a launch time last", () => {
    expect(chooseDrainInstances(fleet, 5).map((i) => i.instanceId)).toEqual([
      "i-a",
      "i-b",
      "i-c",
      "i-old",
      "i-unknown",
    ]);
  });

  it("chooses the same instances whatever order the provider lists them in", () => {
    const chosen = (list: FleetInstance[]) => chooseDrainInstances(list, 2).map((i) => i.instanceId);
    expect(chosen([...fleet].reverse())).toEqual(["i-a", "i-b"]);
    expect(chosen([fleet[3]!, fleet[1]!, fleet[0]!, fleet[2]!])).toEqual(["i-a", "i-b"]);
  });

  it("returns fewer than asked when fewer are in service", () => {
    expect(chooseDrainInstances(fleet.slice(4), 3)).toEqual([fleet[4]]);
  });
});
