import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toDeclaredCommitments, toDeclaredModels } from "@/lib/inventory/fleet-config/fleet-config-schema";
import {
  FleetConfigError,
  loadFleetConfig,
  parseFleetConfigText,
} from "@/lib/inventory/fleet-config/load-fleet-config";
import { SIM_MODELS } from "@/lib/simulator/catalog";
import { buildSimulatedFleet } from "@/lib/simulator/build-simulated-fleet";

const EXAMPLE = "deploy/fleet-config.example.yaml";

describe("deploy/fleet-config.example.yaml", () => {
  it("parses to the simulated fleet's models", async () => {
    const config = await loadFleetConfig({ path: EXAMPLE });
    expect(toDeclaredModels(config)).toEqual([
      {
        id: "atlas-70b-chat",
        displayName: "Atlas 70B Chat",
        team: "assistant",
        kind: "llm",
        sloP95Ms: 1800,
        minServingInstances: 24,
        labelValue: "atlas-70b-chat",
        cloudwatchDimension: "atlas-70b-chat",
      },
      {
        id: "atlas-8b-instruct",
        displayName: "Atlas 8B Instruct",
        team: "assistant",
        kind: "llm",
        sloP95Ms: 600,
        minServingInstances: 8,
        labelValue: "atlas-8b-instruct",
        cloudwatchDimension: "atlas-8b-instruct",
      },
      {
        id: "helios-405b",
        displayName: "Helios 405B",
        team: "research-serving",
        kind: "llm",
        sloP95Ms: 4000,
        minServingInstances: 8,
        labelValue: "helios-405b",
        cloudwatchDimension: "helios-405b",
      },
      {
        id: "scribe-13b-code",
        displayName: "Scribe 13B Code",
        team: "devtools",
        kind: "llm",
        sloP95Ms: 900,
        minServingInstances: 6,
        labelValue: "scribe-13b-code",
        cloudwatchDimension: "scribe-13b-code",
      },
      {
        id: "atlas-1b-edge",
        displayName: "Atlas 1B Edge",
        team: "mobile",
        kind: "llm",
        sloP95Ms: 250,
        minServingInstances: 10,
        labelValue: "atlas-1b-edge",
        cloudwatchDimension: "atlas-1b-edge",
      },
      {
        id: "guard-2b-safety",
        displayName: "Guard 2B Safety",
        team: "trust-safety",
        kind: "llm",
        sloP95Ms: 150,
        minServingInstances: 12,
        labelValue: "guard-2b-safety",
        cloudwatchDimension: "guard-2b-safety",
      },
      {
        id: "iris-vl-34b",
        displayName: "Iris VL 34B",
        team: "vision",
        kind: "vlm",
        sloP95Ms: 2500,
        minServingInstances: 8,
        labelValue: "iris-vl-34b",
        cloudwatchDimension: "iris-vl-34b",
      },
      {
        id: "iris-vl-7b",
        displayName: "Iris VL 7B",
        team: "vision",
        kind: "vlm",
        sloP95Ms: 900,
        minServingInstances: 6,
        labelValue: "iris-vl-7b",
        cloudwatchDimension: "iris-vl-7b",
      },
      {
        id: "lumen-caption-3b",
        displayName: "Lumen Caption 3B",
        team: "media",
        kind: "vlm",
        sloP95Ms: 400,
        minServingInstances: 8,
        labelValue: "lumen-caption-3b",
        cloudwatchDimension: "lumen-caption-3b",
      },
      {
        id: "rank-xl-ctr",
        displayName: "Rank XL CTR",
        team: "feed",
        kind: "ranking",
        sloP95Ms: 40,
        minServingInstances: 20,
        labelValue: "rank-xl-ctr",
        cloudwatchDimension: "rank-xl-ctr",
      },
      {
        id: "rank-embed-v4",
        displayName: "Rank Embed v4",
        team: "search",
        kind: "ranking",
        sloP95Ms: 60,
        minServingInstances: 10,
        labelValue: "rank-embed-v4",
        cloudwatchDimension: "rank-embed-v4",
      },
      {
        id: "rerank-mini",
        displayName: "Rerank Mini",
        team: "search",
        kind: "ranking",
        sloP95Ms: 25,
        minServingInstances: 6,
        labelValue: "rerank-mini",
        cloudwatchDimension: "rerank-mini",
      },
    ]);
  });

  it("parses to the simulated fleet's commitment, and the rest of the file as written", async () => {
    const config = await loadFleetConfig({ path: EXAMPLE });
    expect(toDeclaredCommitments(config)).toEqual([
      {
        id: "compute-commitment-2024-2031",
        name: "Reserved AI compute commitment 2024–2031",
        totalUsd: 420_000_000,
        startAt: new Date("2024-01-01T00:00:00.000Z"),
        endAt: new Date("2032-01-01T00:00:00.000Z"),
        priorSpendUsd: 96_500_000,
        yearlyPlanUsd: {
          "2024": 45_000_000,
          "2025": 52_500_000,
          "2026": 58_000_000,
          "2027": 60_000_000,
          "2028": 60_000_000,
          "2029": 50_000_000,
          "2030": 48_000_000,
          "2031": 46_500_000,
        },
        takeOrPay: true,
      },
    ]);
    expect(config.commitments[0]!.yearlyPlanUsd).toEqual({
      "2024": 45_000_000,
      "2025": 52_500_000,
      "2026": 58_000_000,
      "2027": 60_000_000,
      "2028": 60_000_000,
      "2029": 50_000_000,
      "2030": 48_000_000,
      "2031": 46_500_000,
    });
    expect(config.aws).toEqual({
      regions: ["us-east-1", "us-east-2", "us-west-2"],
      autoScalingTagFilters: [{ key: "fleet-console/pool", values: ["serving"] }],
      modelTag: "fleet-console/model",
      clusters: ["inference-use1", "inference-use2", "inference-usw2"],
      pricingRegion: "us-east-1",
    });
    expect(config.kubernetes).toEqual({ modelLabel: "fleet-console.io/model" });
    expect(config.pricing).toEqual({
      effectiveRateFactor: 0.72,
      overrides: [
        { instanceType: "trn2.48xlarge", region: "us-east-1", usdPerHour: 28.5 },
        { instanceType: "trn2.48xlarge", region: "us-west-2", usdPerHour: 29.1 },
      ],
      capacityBlocks: [{ reservationId: "cr-0a1b2c3d4e5f60718", usdPerInstanceHour: 19.2 }],
    });
    expect(config.models[0]!.match).toEqual({ label: "atlas-70b-chat", cloudwatchDimension: "atlas-70b-chat" });
    expect(config.pools).toEqual([
      { match: "asg/us-east-1/asg-batch-misc", exclude: true },
      {
        match: "eks/us-east-1/inference-use1/ng-atlas-70b-chat-use1-trn2-a",
        exclude: false,
        id: "atlas-70b-chat-use1-trn2-a",
      },
      {
        match: { backingId: "np-helios-405b-use1-trn2-a" },
        exclude: false,
        id: "helios-405b-use1-trn2-a",
        models: ["helios-405b"],
      },
    ]);
  });

  // The example is the simulated fleet written as a config file: it must not drift from the catalog.
  it("agrees with the simulator's catalog and seeded commitment", async () => {
    const config = await loadFleetConfig({ path: EXAMPLE });
    expect(toDeclaredModels(config)).toEqual(
      SIM_MODELS.map((m) => ({
        id: m.id,
        displayName: m.displayName,
        team: m.team,
        kind: m.kind,
        sloP95Ms: m.sloP95Ms,
        minServingInstances: m.minServingInstances,
        labelValue: m.id,
        cloudwatchDimension: m.id,
      })),
    );
    expect(toDeclaredCommitments(config)).toEqual([buildSimulatedFleet(new Date()).commitment]);
  });
});

describe("loadFleetConfig", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fc-fleet-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names the file it read in every problem", async () => {
    const file = path.join(dir, "broken.yaml");
    writeFileSync(file, "version: 1\naws:\n  regions: [us-east-1]\nmodels: {}\n");
    await expect(loadFleetConfig({ path: file })).rejects.toThrow(
      new FleetConfigError(file, [
        { file, line: 4, col: 9, field: "models", message: "Invalid input: expected array, received object" },
      ]),
    );
    await expect(loadFleetConfig({ path: file })).rejects.toThrow(
      `fleet config ${file}: 1 problem\n${file}:4:9: models: Invalid input: expected array, received object`,
    );
  });

  it("says so when the file cannot be read", async () => {
    const file = path.join(dir, "missing.yaml");
    await expect(loadFleetConfig({ path: file })).rejects.toThrow(
      `fleet config ${file}: cannot read it (ENOENT: no such file or directory, open '${file}')`,
    );
  });

  it("parseFleetConfigText reads the same text the same way", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(EXAMPLE, "utf8");
    expect(parseFleetConfigText({ text, fileName: "example.yaml" })).toEqual(await loadFleetConfig({ path: EXAMPLE }));
  });
});
