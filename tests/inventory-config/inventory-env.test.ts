import { afterEach, describe, expect, it, vi } from "vitest";
import { getConfig } from "@/lib/config";

describe("inventory settings (lib/config.ts)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("INVENTORY_SOURCE follows FLEET_PROVIDER when unset, and wins when set", () => {
    vi.stubEnv("INVENTORY_SOURCE", undefined);
    vi.stubEnv("FLEET_PROVIDER", "aws");
    expect(getConfig().INVENTORY_SOURCE).toBe("aws");
    vi.stubEnv("FLEET_PROVIDER", "simulated");
    expect(getConfig().INVENTORY_SOURCE).toBe("simulated");
    vi.stubEnv("INVENTORY_SOURCE", "aws");
    expect(getConfig().INVENTORY_SOURCE).toBe("aws");
    vi.stubEnv("INVENTORY_SOURCE", "cloudwatch");
    expect(() => getConfig()).toThrow(/INVENTORY_SOURCE/);
  });

  it("INVENTORY_SYNC_INTERVAL_SECONDS defaults to 300 and is at least 30; FLEET_CONFIG_FILE is optional", () => {
    vi.stubEnv("INVENTORY_SYNC_INTERVAL_SECONDS", undefined);
    vi.stubEnv("FLEET_CONFIG_FILE", undefined);
    expect(getConfig().INVENTORY_SYNC_INTERVAL_SECONDS).toBe(300);
    expect(getConfig().FLEET_CONFIG_FILE).toBeUndefined();
    vi.stubEnv("INVENTORY_SYNC_INTERVAL_SECONDS", "30");
    vi.stubEnv("FLEET_CONFIG_FILE", "/etc/fleet-console/fleet-config.yaml");
    expect(getConfig()).toMatchObject({
      INVENTORY_SYNC_INTERVAL_SECONDS: 30,
      FLEET_CONFIG_FILE: "/etc/fleet-console/fleet-config.yaml",
    });
    vi.stubEnv("INVENTORY_SYNC_INTERVAL_SECONDS", "29");
    expect(() => getConfig()).toThrow(/INVENTORY_SYNC_INTERVAL_SECONDS/);
  });
});
