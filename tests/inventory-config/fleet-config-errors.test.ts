import { describe, expect, it } from "vitest";
import { FleetConfigError, parseFleetConfigText } from "@/lib/inventory/fleet-config/load-fleet-config";

// Each malformed file gives exactly these lines: <file>:<line>:<col>: <field>: <message>.

const FILE = "fleet.yaml";
function problemsOf(text: string): string[] {
  try {
    parseFleetConfigText({ text, fileName: FILE });
  } catch (e) {
    if (!(e instanceof FleetConfigError)) throw e;
    const [header, ...lines] = e.message.split("\n");
    expect(header).toBe(`fleet config ${FILE}: ${lines.length} problem${lines.length === 1 ? "" : "s"}`);
    expect(e.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.field}: ${p.message}`)).toEqual(lines);
    return lines;
  }
  throw new Error("the file parsed");
}

const HEAD = `version: 1
aws:
  regions: [us-east-1, us-west-2]
models:
  - id: atlas-70b-chat
    displayName: Atlas 70B Chat
    team: assistant
    kind: llm
    sloP95Ms: 1800
`;
const COMMITMENT = (dates: string, plan = "") => `${HEAD}commitments:
  - id: compute-2024-2031
    name: Compute commitment
    totalUsd: 420000000
${dates}${plan}`;

describe("fleet config errors", () => {
  it("wrong type", () => {
    expect(problemsOf(HEAD.replace("sloP95Ms: 1800", "sloP95Ms: fast"))).toEqual([
      "fleet.yaml:9:15: models[0].sloP95Ms: Invalid input: expected number, received string",
    ]);
  });

  it("missing required field: reported where its object starts", () => {
    expect(problemsOf(HEAD.replace("    team: assistant\n", ""))).toEqual([
      'fleet.yaml:5:5: models[0].team: required field "team" is missing',
    ]);
    expect(problemsOf("version: 1\nmodels: []\n")).toEqual([
      'fleet.yaml:1:1: aws: required field "aws" is missing',
      "fleet.yaml:2:9: models: Too small: expected array to have >=1 items",
    ]);
  });

  it("unknown key: at the key, with the likely spelling (and no second problem for the field it meant)", () => {
    expect(problemsOf(HEAD.replace("sloP95Ms:", "sloP95ms:"))).toEqual([
      'fleet.yaml:9:5: models[0].sloP95ms: unknown key "sloP95ms" (did you mean "sloP95Ms"?)',
    ]);
    expect(problemsOf(`${HEAD}owner: platform\n`)).toEqual([
      'fleet.yaml:10:1: owner: unknown key "owner" (expected one of version, aws, kubernetes, pricing, models, commitments, pools, approvalPolicy)',
    ]);
  });

  it("duplicate model id: at the second one", () => {
    const text = `${HEAD}  - id: atlas-70b-chat
    displayName: Atlas 70B Chat (copy)
    team: assistant
    kind: llm
    sloP95Ms: 900
`;
    expect(problemsOf(text)).toEqual([
      'fleet.yaml:10:9: models[1].id: duplicate model id "atlas-70b-chat" (first at models[0].id)',
    ]);
  });

  it("duplicate model label (a label another model already answers to)", () => {
    const text = `${HEAD}  - id: atlas-70b-chat-v2
    displayName: Atlas 70B Chat v2
    team: assistant
    kind: llm
    sloP95Ms: 900
    match: { label: atlas-70b-chat }
`;
    expect(problemsOf(text)).toEqual([
      'fleet.yaml:15:21: models[1].match.label: duplicate model label "atlas-70b-chat" (first at models[0].match.label)',
    ]);
  });

  it("duplicate YAML key: at the second one", () => {
    expect(problemsOf(HEAD.replace("    team: assistant\n", "    team: assistant\n    team: search\n"))).toEqual([
      'fleet.yaml:8:5: models[0].team: duplicate key "team" (YAML keys must be unique)',
    ]);
  });

  it("YAML syntax error: the first one only (the parser's later ones follow from it)", () => {
    expect(problemsOf(HEAD.replace("[us-east-1, us-west-2]", "[us-east-1, us-west-2"))).toEqual([
      "fleet.yaml:4:1: models: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
    expect(problemsOf(HEAD.replace("    kind: llm", "   kind: llm"))).toEqual([
      "fleet.yaml:8:1: models: YAML syntax: Sequence item without - indicator",
    ]);
  });

  it("endAt before startAt", () => {
    expect(problemsOf(COMMITMENT("    startAt: 2024-01-01\n    endAt: 2023-12-31T23:00:00Z\n"))).toEqual([
      "fleet.yaml:15:12: commitments[0].endAt: must be after startAt (2024-01-01T00:00:00.000Z)",
    ]);
  });

  it("dates: a day that does not exist, an instant without a zone", () => {
    expect(problemsOf(COMMITMENT("    startAt: 2024-02-30\n    endAt: 2032-01-01T00:00:00\n"))).toEqual([
      "fleet.yaml:14:14: commitments[0].startAt: must be a date YYYY-MM-DD or an instant with a zone (2024-01-01T00:00:00Z), between 2000 and 2100",
      "fleet.yaml:15:12: commitments[0].endAt: must be a date YYYY-MM-DD or an instant with a zone (2024-01-01T00:00:00Z), between 2000 and 2100",
    ]);
  });

  it("plan year outside the term, and plans above the total", () => {
    const dates = "    startAt: 2024-01-01\n    endAt: 2032-01-01\n";
    expect(problemsOf(COMMITMENT(dates, "    yearlyPlanUsd: { 2031: 60000000, 2032: 1000000 }\n"))).toEqual([
      "fleet.yaml:16:38: commitments[0].yearlyPlanUsd.2032: year 2032 is outside the term (2024-01-01T00:00:00.000Z to 2032-01-01T00:00:00.000Z)",
    ]);
    expect(
      problemsOf(COMMITMENT(dates, "    yearlyPlanUsd:\n      2025: 400000000\n      2026: 20000000.01\n")),
    ).toEqual([
      "fleet.yaml:17:7: commitments[0].yearlyPlanUsd: plans 420000000.01 USD in all, more than totalUsd (420000000)",
    ]);
  });

  it("pool override naming an unknown model", () => {
    const text = `${HEAD}pools:
  - match: eks/us-east-1/inference-use1/ng-atlas
    models: [atlas-70b-chat, atlas-70b-chta]
`;
    expect(problemsOf(text)).toEqual([
      'fleet.yaml:12:30: pools[0].models[1]: unknown model id "atlas-70b-chta" (not in models)',
    ]);
  });

  it("pool overrides: a region not read, an excluded pool given an id, a match given twice", () => {
    const text = `${HEAD}pools:
  - match: asg/eu-west-1/asg-batch
    exclude: true
  - match: { backingId: ng-atlas }
    exclude: true
    id: atlas-use1
  - match: { backingId: ng-atlas }
    id: atlas-use1-b
`;
    expect(problemsOf(text)).toEqual([
      "fleet.yaml:11:12: pools[0].match: region eu-west-1 is not in aws.regions",
      "fleet.yaml:14:14: pools[1].exclude: an excluded pool takes no id or models",
      'fleet.yaml:16:12: pools[2].match: duplicate pool match "backingId ng-atlas" (first at pools[1].match)',
    ]);
  });

  it("a bad region", () => {
    expect(problemsOf(HEAD.replace("us-west-2]", "us-west-two]"))).toEqual([
      "fleet.yaml:3:24: aws.regions[1]: must be an AWS region name such as us-east-1",
    ]);
  });

  it("pricing: factor out of range, a malformed reservation id, a price of zero", () => {
    const text = `${HEAD}pricing:
  effectiveRateFactor: 1.2
  overrides: [{ instanceType: trn2.48xlarge, region: us-east-1, usdPerHour: 0 }]
  capacityBlocks: [{ reservationId: cr-123, usdPerInstanceHour: 19.2 }]
`;
    expect(problemsOf(text)).toEqual([
      "fleet.yaml:11:24: pricing.effectiveRateFactor: Too big: expected number to be <=1",
      "fleet.yaml:12:77: pricing.overrides[0].usdPerHour: Too small: expected number to be >0",
      "fleet.yaml:13:37: pricing.capacityBlocks[0].reservationId: must be a capacity reservation id: cr- and 17 hex digits (cr-0123456789abcdef0)",
    ]);
  });

  it("several problems at once, in file order", () => {
    const text = HEAD.replace("version: 1", "version: 2").replace("kind: llm", "kind: chat").replace("1800", "-5");
    expect(problemsOf(text)).toEqual([
      "fleet.yaml:1:10: version: must be 1 (the only version this Fleet Console reads)",
      'fleet.yaml:8:11: models[0].kind: Invalid option: expected one of "llm"|"vlm"|"ranking"',
      "fleet.yaml:9:15: models[0].sloP95Ms: Too small: expected number to be >=1",
    ]);
  });

  it("an empty file", () => {
    expect(problemsOf("# nothing yet\n")).toEqual(["fleet.yaml:1:1: (root): the file is empty"]);
  });
});

describe("fleet config defaults", () => {
  it("fills what the file leaves out", () => {
    const config = parseFleetConfigText({ text: HEAD, fileName: FILE });
    expect(config).toEqual({
      version: 1,
      aws: {
        regions: ["us-east-1", "us-west-2"],
        autoScalingTagFilters: [],
        modelTag: "fleet-console/model",
        pricingRegion: "us-east-1",
      },
      kubernetes: { modelLabel: "fleet-console.io/model" },
      pricing: { effectiveRateFactor: 1, overrides: [], capacityBlocks: [] },
      models: [
        {
          id: "atlas-70b-chat",
          displayName: "Atlas 70B Chat",
          team: "assistant",
          kind: "llm",
          sloP95Ms: 1800,
          minServingInstances: 1,
          match: { label: "atlas-70b-chat", cloudwatchDimension: "atlas-70b-chat" },
        },
      ],
      commitments: [],
      pools: [],
      // No policy in the file: the built-in rule (lib/fleet/actions/approval-policy.ts) applies.
      approvalPolicy: { default: {}, chipFamilies: {}, pools: [] },
    });
  });

  it("priorSpendUsd defaults to 0 and takeOrPay to false; a bare date is UTC midnight, an instant keeps its offset", () => {
    const config = parseFleetConfigText({
      text: COMMITMENT("    startAt: 2024-01-01\n    endAt: 2031-12-31T19:00:00-05:00\n"),
      fileName: FILE,
    });
    expect(config.commitments).toEqual([
      {
        id: "compute-2024-2031",
        name: "Compute commitment",
        totalUsd: 420_000_000,
        startAt: new Date("2024-01-01T00:00:00.000Z"),
        endAt: new Date("2032-01-01T00:00:00.000Z"),
        priorSpendUsd: 0,
        takeOrPay: false,
      },
    ]);
  });
});

describe("fleet config errors: less common shapes", () => {
  it("a plan year that is not a year: at the key", () => {
    const text = COMMITMENT("    startAt: 2024-01-01\n    endAt: 2032-01-01\n", "    yearlyPlanUsd: { 20x6: 5 }\n");
    expect(problemsOf(text)).toEqual([
      "fleet.yaml:16:22: commitments[0].yearlyPlanUsd.20x6: must be a year such as 2026",
    ]);
  });

  it("a pool override without match: a missing field, not a bad union", () => {
    expect(problemsOf(`${HEAD}pools:\n  - { id: atlas-use1 }\n`)).toEqual([
      'fleet.yaml:11:5: pools[0].match: required field "match" is missing',
    ]);
  });

  it("a model repeated through a YAML alias: reported where the alias is used", () => {
    const text = `${HEAD.replace("  - id: atlas-70b-chat", "  - &atlas\n    id: atlas-70b-chat")}  - *atlas\n`;
    expect(problemsOf(text)).toEqual([
      'fleet.yaml:11:5: models[1].id: duplicate model id "atlas-70b-chat" (first at models[0].id)',
    ]);
  });
});
