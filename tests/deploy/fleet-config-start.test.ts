import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killGroup, spawnStart, type StartRun } from "./start-process";

// `npm start` with the aws inventory refuses a malformed fleet config file before it starts
// anything, and says where the mistake is: file, line, column and field.
const dir = mkdtempSync(path.join(tmpdir(), "fleet-config-start-"));
const file = path.join(dir, "fleet.yaml");
writeFileSync(
  file,
  [
    "version: 1",
    "aws:",
    "  regions: [us-east-1]",
    "models:",
    "  - id: atlas-70b-chat",
    "    displayName: Atlas 70B Chat",
    "    team: assistant",
    "    kind: llm",
    "    sloP95Ms: fast",
    "",
  ].join("\n"),
);
let run: StartRun | undefined;
afterAll(() => killGroup(run));

describe("npm start with INVENTORY_SOURCE=aws", () => {
  it("refuses a malformed fleet config file, naming file, line and field, and starts nothing", async () => {
    run = spawnStart({
      INVENTORY_SOURCE: "aws",
      FLEET_PROVIDER: "aws",
      FLEET_CONFIG_FILE: file,
      FLEET_DATA_DIR: path.join(dir, "data"),
      PORT: "31490",
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`${file}:9:15: models[0].sloP95Ms:`);
    expect(run.output()).not.toContain("starting embedded PostgreSQL");
  });

  it("refuses to start without a fleet config file", async () => {
    run = spawnStart({ INVENTORY_SOURCE: "aws", FLEET_DATA_DIR: path.join(dir, "data"), PORT: "31490" });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("INVENTORY_SOURCE=aws needs FLEET_CONFIG_FILE");
  });
});
