// The FOCUS export ingest through the real S3 client and a wire-level S3 stand-in: the exact
// requests (ListObjectsV2 pages with continuation tokens, one GetObject per file), line items mapped
// to pools and reservations, an unchanged export skipped, a restated period replacing its rows, and
// a malformed file reported with its name and row while ingesting nothing.
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetBillingS3Clients } from "@/lib/billing/billing-s3-client";
import { ingestBillingExport } from "@/lib/billing/ingest-billing-export";
import { createS3BillingExportSource } from "@/lib/billing/s3-billing-export-source";
import { getPrisma } from "@/lib/db";
import { type FakeS3State, startFakeS3 } from "../aws-standins/fake-s3";
import { useTestDatabase } from "../setup/test-database";
import { focusCsvGz, hourRow } from "./focus-fixture";

useTestDatabase();

const ROOT = "exports/fleet-focus";
const DEC = `${ROOT}/data/BILLING_PERIOD=2026-12`;
const NOV = `${ROOT}/data/BILLING_PERIOD=2026-11`;
const DEC_MANIFEST = `${ROOT}/metadata/BILLING_PERIOD=2026-12/fleet-focus-Manifest.json`;
/** A Data Exports manifest (the fields AWS writes that the ingest reads, plus one it ignores). */
const manifest = (keys: string[]) =>
  new TextEncoder().encode(
    JSON.stringify({
      executionId: "exec-1",
      exportArn: "arn:aws:bcm-data-exports:us-east-1:123456789012:export/fleet-focus-1",
      dataFiles: keys.map((k) => `s3://focus-bucket/${k}`),
    }),
  );
const CR = "cr-0aaa0000000000001";
const asgTag = (name: string) => JSON.stringify({ "aws:autoscaling:groupName": name });

const decFile1 = [
  hourRow(3, 0, {
    ResourceId: "i-0000000000000a001",
    Tags: asgTag("atlas-asg"),
    ListCost: "15",
    BilledCost: "10.5",
    EffectiveCost: "10.5",
    CommitmentDiscountId: "arn:aws:savingsplans::123456789012:savingsplan/sp-1",
    CommitmentDiscountStatus: "Used",
    CapacityReservationId: CR,
    CapacityReservationStatus: "Used",
  }),
  hourRow(3, 0, {
    ResourceId: "i-0000000000000b001",
    Tags: JSON.stringify({
      "eks:nodegroup-name": "lumen-ng",
      "eks:cluster-name": "ml",
      "aws:autoscaling:groupName": "eks-lumen-ng-7ac4",
    }),
    ListCost: "4",
    BilledCost: "4",
    EffectiveCost: "3.25",
  }),
  hourRow(3, 0, {
    ResourceId: "arn:aws:ec2:us-east-1:123456789012:instance/i-0000000000000c001",
    Tags: JSON.stringify({ "karpenter.sh/nodepool": "vega", "eks:eks-cluster-name": "ml" }),
    ListCost: "8",
    BilledCost: "8",
    EffectiveCost: "7.125",
  }),
  // The same instance an hour later, before its tag was activated: mapped through the resource.
  hourRow(3, 1, { ResourceId: "i-0000000000000a001", ListCost: "15", BilledCost: "10.5", EffectiveCost: "10.5" }),
  hourRow(3, 1, {
    ResourceId: `arn:aws:ec2:us-east-1:123456789012:capacity-reservation/${CR}`,
    ChargeDescription: "Unused reservation hours, trn2.48xlarge",
    ListCost: "2",
    BilledCost: "2",
    EffectiveCost: "2",
    CapacityReservationId: CR,
    CapacityReservationStatus: "Unused",
  }),
  // A volume tagged with the ASG: not compute, not the pool's.
  hourRow(3, 1, {
    ResourceId: "vol-0123456789abcdef0",
    Tags: asgTag("atlas-asg"),
    ListCost: "0.1",
    BilledCost: "0.1",
    EffectiveCost: "0.1",
  }),
  hourRow(3, 1, {
    ResourceId: "i-0000000000000d001",
    Tags: asgTag("nobody-knows"),
    ListCost: "1",
    BilledCost: "1",
    EffectiveCost: "1",
  }),
];
const decFile2 = [
  hourRow(4, 0, {
    ResourceId: "i-0000000000000a001",
    Tags: JSON.stringify({ "aws:autoscaling:groupName": "atlas-asg", team: "serving, ranking" }),
    ListCost: "15",
    BilledCost: "10.5",
    EffectiveCost: "10.5",
  }),
];
// November's file is Parquet (written here by hyparquet-writer), as AWS writes a Parquet export.
const novParquet = () =>
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "BillingPeriodStart", data: [new Date("2026-11-01T00:00:00Z")], type: "TIMESTAMP" },
        { name: "ChargePeriodStart", data: [new Date("2026-11-30T00:00:00Z")], type: "TIMESTAMP" },
        { name: "ChargePeriodEnd", data: [new Date("2026-11-30T01:00:00Z")], type: "TIMESTAMP" },
        { name: "ChargeCategory", data: ["Usage"], type: "STRING" },
        { name: "ServiceName", data: ["Amazon Elastic Compute Cloud"], type: "STRING" },
        { name: "ResourceId", data: ["i-0000000000000a001"], type: "STRING" },
        { name: "RegionId", data: ["us-east-1"], type: "STRING" },
        { name: "ListCost", data: [15], type: "DOUBLE" },
        { name: "BilledCost", data: [15], type: "DOUBLE" },
        { name: "EffectiveCost", data: [15], type: "DOUBLE" },
        { name: "Tags", data: [{ "aws:autoscaling:groupName": "atlas-asg" }], type: "JSON" },
      ],
    }),
  );

const state: FakeS3State = {
  pageSize: 2,
  buckets: {
    "focus-bucket": new Map([
      [`${NOV}/fleet-focus-00001.snappy.parquet`, { body: novParquet(), etag: '"nov-1"' }],
      [`${DEC}/fleet-focus-00001.csv.gz`, { body: focusCsvGz(decFile1), etag: '"dec-1a"' }],
      [`${DEC}/fleet-focus-00002.csv.gz`, { body: focusCsvGz(decFile2), etag: '"dec-2a"' }],
      [
        DEC_MANIFEST,
        {
          body: manifest([`${DEC}/fleet-focus-00001.csv.gz`, `${DEC}/fleet-focus-00002.csv.gz`]),
          etag: '"m1"',
        },
      ],
    ]),
  },
};
let s3: Awaited<ReturnType<typeof startFakeS3>>;
const saved: Record<string, string | undefined> = {};
const source = () =>
  createS3BillingExportSource({ exportUri: `s3://focus-bucket/${ROOT}`, region: "us-east-1", forcePathStyle: true });

beforeAll(async () => {
  s3 = await startFakeS3(state);
  const env = {
    AWS_ENDPOINT_URL_S3: s3.url,
    AWS_ACCESS_KEY_ID: "AKIDSTANDIN000000000",
    AWS_SECRET_ACCESS_KEY: "standin-secret-access-key",
    AWS_REGION: "us-east-1",
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  resetBillingS3Clients();
  const prisma = getPrisma();
  const base = {
    chipFamily: "trainium",
    instanceType: "trn2.48xlarge",
    region: "us-east-1",
    availabilityZone: "us-east-1a",
    minCapacity: 0,
    desiredCapacity: 1,
    maxCapacity: 4,
  } as const;
  await prisma.pool.createMany({
    data: [
      { ...base, id: "atlas-pool", backingKind: "asg", backingId: "atlas-asg" },
      { ...base, id: "lumen-pool", backingKind: "eks_nodegroup", backingId: "lumen-ng", clusterName: "ml" },
      { ...base, id: "vega-pool", backingKind: "karpenter_nodepool", backingId: "vega", clusterName: "ml" },
    ],
  });
  await prisma.capacityReservation.create({
    data: {
      id: CR,
      instanceType: "trn2.48xlarge",
      region: "us-east-1",
      availabilityZone: "us-east-1a",
      instanceCount: 2,
      startAt: new Date("2026-12-01T00:00:00Z"),
      endAt: null,
      usdPerInstanceHour: 10,
      poolId: "atlas-pool",
    },
  });
});
afterAll(async () => {
  resetBillingS3Clients();
  await s3?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
beforeEach(() => {
  s3.requests.length = 0;
});

const listRequests = [
  {
    method: "GET",
    bucket: "focus-bucket",
    key: null,
    query: { "list-type": "2", prefix: `${ROOT}/` },
    region: "us-east-1",
  },
  {
    method: "GET",
    bucket: "focus-bucket",
    key: null,
    query: { "list-type": "2", prefix: `${ROOT}/`, "continuation-token": Buffer.from("2").toString("base64url") },
    region: "us-east-1",
  },
  // December's manifest: the files of its current delivery.
  { method: "GET", bucket: "focus-bucket", key: DEC_MANIFEST, query: {}, region: "us-east-1" },
];
const get = (key: string) => ({ method: "GET", bucket: "focus-bucket", key, query: {}, region: "us-east-1" });

async function storedItems() {
  return getPrisma().billingLineItem.findMany({
    orderBy: [{ fileKey: "asc" }, { rowNumber: "asc" }],
    select: { fileKey: true, rowNumber: true, resourceId: true, poolId: true, mappedBy: true, effectiveCost: true },
  });
}
const short = (items: Awaited<ReturnType<typeof storedItems>>) =>
  items.map((i) => [i.fileKey.slice(ROOT.length + 6), i.rowNumber, i.poolId, i.mappedBy, i.effectiveCost.toString()]);

describe("ingestBillingExport from S3", () => {
  it("lists every page, reads each data file once and maps line items to pools and reservations", async () => {
    const report = await ingestBillingExport({ source: source() });

    expect(s3.requests).toEqual([
      ...listRequests,
      get(`${NOV}/fleet-focus-00001.snappy.parquet`),
      get(`${DEC}/fleet-focus-00001.csv.gz`),
      get(`${DEC}/fleet-focus-00002.csv.gz`),
    ]);
    expect(report).toEqual({
      errors: [],
      periods: [
        { period: "2026-11", status: "replaced", files: 1, rows: 1, errors: [] },
        { period: "2026-12", status: "replaced", files: 2, rows: 8, errors: [] },
      ],
    });
    expect(short(await storedItems())).toEqual([
      [
        "BILLING_PERIOD=2026-11/fleet-focus-00001.snappy.parquet",
        1,
        "atlas-pool",
        "tag:aws:autoscaling:groupName",
        "15",
      ],
      ["BILLING_PERIOD=2026-12/fleet-focus-00001.csv.gz", 2, "atlas-pool", "tag:aws:autoscaling:groupName", "10.5"],
      ["BILLING_PERIOD=2026-12/fleet-focus-00001.csv.gz", 3, "lumen-pool", "tag:eks:nodegroup-name", "3.25"],
      ["BILLING_PERIOD=2026-12/fleet-focus-00001.csv.gz", 4, "vega-pool", "tag:karpenter.sh/nodepool", "7.125"],
      ["BILLING_PERIOD=2026-12/fleet-focus-00001.csv.gz", 5, "atlas-pool", "resource", "10.5"],
      ["BILLING_PERIOD=2026-12/fleet-focus-00001.csv.gz", 6, "atlas-pool", "reservation", "2"],
      ["BILLING_PERIOD=2026-12/fleet-focus-00001.csv.gz", 7, null, null, "0.1"],
      ["BILLING_PERIOD=2026-12/fleet-focus-00001.csv.gz", 8, null, null, "1"],
      ["BILLING_PERIOD=2026-12/fleet-focus-00002.csv.gz", 2, "atlas-pool", "tag:aws:autoscaling:groupName", "10.5"],
    ]);
    const first = await getPrisma().billingLineItem.findFirstOrThrow({
      where: { fileKey: `${DEC}/fleet-focus-00001.csv.gz`, rowNumber: 2 },
    });
    expect(first).toMatchObject({
      billingPeriod: "2026-12",
      chargePeriodStart: new Date("2026-12-03T00:00:00Z"),
      chargePeriodEnd: new Date("2026-12-03T01:00:00Z"),
      chargeCategory: "Usage",
      serviceName: "Amazon Elastic Compute Cloud",
      regionId: "us-east-1",
      commitmentDiscountStatus: "Used",
      capacityReservationId: CR,
      capacityReservationStatus: "Used",
      tags: { "aws:autoscaling:groupName": "atlas-asg" },
    });
    expect(first.listCost.toString()).toBe("15");
    const quotedTags = await getPrisma().billingLineItem.findFirstOrThrow({
      where: { fileKey: `${DEC}/fleet-focus-00002.csv.gz` },
    });
    expect(quotedTags.tags).toEqual({ "aws:autoscaling:groupName": "atlas-asg", team: "serving, ranking" });
  });

  it("skips an export whose files and ETags are unchanged: the listing only", async () => {
    const report = await ingestBillingExport({ source: source() });
    expect(s3.requests).toEqual(listRequests);
    expect(report.periods.map((p) => p.status)).toEqual(["unchanged", "unchanged"]);
    expect(await getPrisma().billingLineItem.count()).toBe(9);
  });

  it("replaces a restated period's rows in full, and leaves the other period alone", async () => {
    // AWS restates 4 December: the instance hour now costs 9.75 and a second hour appears.
    state.buckets["focus-bucket"]!.set(`${DEC}/fleet-focus-00002.csv.gz`, {
      etag: '"dec-2b"',
      body: focusCsvGz([
        hourRow(4, 0, {
          ResourceId: "i-0000000000000a001",
          Tags: asgTag("atlas-asg"),
          ListCost: "15",
          BilledCost: "9.75",
          EffectiveCost: "9.75",
        }),
        hourRow(4, 1, {
          ResourceId: "i-0000000000000a001",
          Tags: asgTag("atlas-asg"),
          ListCost: "15",
          BilledCost: "9.75",
          EffectiveCost: "9.75",
        }),
      ]),
    });
    const report = await ingestBillingExport({ source: source() });
    expect(s3.requests).toEqual([
      ...listRequests,
      get(`${DEC}/fleet-focus-00001.csv.gz`),
      get(`${DEC}/fleet-focus-00002.csv.gz`),
    ]);
    expect(report.periods).toEqual([
      { period: "2026-11", status: "unchanged", files: 1, rows: 0, errors: [] },
      { period: "2026-12", status: "replaced", files: 2, rows: 9, errors: [] },
    ]);
    const items = short(await storedItems());
    expect(items.filter((i) => String(i[0]).endsWith("00002.csv.gz"))).toEqual([
      ["BILLING_PERIOD=2026-12/fleet-focus-00002.csv.gz", 2, "atlas-pool", "tag:aws:autoscaling:groupName", "9.75"],
      ["BILLING_PERIOD=2026-12/fleet-focus-00002.csv.gz", 3, "atlas-pool", "tag:aws:autoscaling:groupName", "9.75"],
    ]);
    expect(items).toHaveLength(10);
    const [dec4] = await getPrisma().$queryRaw<{ usd: string }[]>`
      SELECT sum("effectiveCost")::text AS usd FROM "BillingLineItem"
      WHERE "chargePeriodStart" >= '2026-12-04T00:00:00Z' AND "chargePeriodStart" < '2026-12-05T00:00:00Z'`;
    expect(dec4!.usd).toBe("19.5000000000");
  });

  it("reports a malformed file with its name and row, ingests nothing from it and keeps the period's rows", async () => {
    const bad = [...decFile1];
    bad[1] = { ...bad[1]!, EffectiveCost: "3,25" };
    state.buckets["focus-bucket"]!.set(`${DEC}/fleet-focus-00001.csv.gz`, { etag: '"dec-1b"', body: focusCsvGz(bad) });
    const before = short(await storedItems());

    const report = await ingestBillingExport({ source: source() });

    const message = `${DEC}/fleet-focus-00001.csv.gz row 3: EffectiveCost: not a decimal number`;
    expect(report.errors).toEqual([message]);
    expect(report.periods[1]).toEqual({ period: "2026-12", status: "failed", files: 2, rows: 0, errors: [message] });
    expect(short(await storedItems())).toEqual(before);
    const file = await getPrisma().billingExportFile.findUniqueOrThrow({
      where: { key: `${DEC}/fleet-focus-00001.csv.gz` },
    });
    expect(file).toMatchObject({ status: "failed", etag: '"dec-1b"', rowCount: 0, error: message });
  });

  it("ingests exactly the current manifest's files: a restated period's old files are ignored", async () => {
    // AWS re-delivers December as one new file; the two earlier ones stay in the bucket.
    const dec3 = `${DEC}/exec-2/fleet-focus-00001.csv.gz`;
    const bucket = state.buckets["focus-bucket"]!;
    bucket.set(dec3, { etag: '"dec-3"', body: focusCsvGz(decFile1.slice(0, 2)) });
    bucket.set(DEC_MANIFEST, { etag: '"m2"', body: manifest([dec3]) });
    const report = await ingestBillingExport({ source: source() });
    expect(report.errors).toEqual([]);
    expect(report.periods[1]).toEqual({ period: "2026-12", status: "replaced", files: 1, rows: 2, errors: [] });
    const keys = await getPrisma().billingExportFile.findMany({
      where: { billingPeriod: "2026-12" },
      select: { key: true },
    });
    expect(keys.map((k) => k.key)).toEqual([dec3]);
    expect(new Set((await storedItems()).filter((i) => i.fileKey.includes("2026-12")).map((i) => i.fileKey))).toEqual(
      new Set([dec3]),
    );
  });

  it("reports a manifest that is not one, or names a missing file, and keeps the period's rows", async () => {
    const bucket = state.buckets["focus-bucket"]!;
    const before = short(await storedItems());
    bucket.set(DEC_MANIFEST, { etag: '"m3"', body: new TextEncoder().encode('{"executionId":"exec-3"}') });
    let report = await ingestBillingExport({ source: source() });
    expect(report.errors).toEqual([`${DEC_MANIFEST}: dataFiles: Invalid input: expected array, received undefined`]);
    expect(report.periods.map((p) => p.period)).toEqual(["2026-11"]);
    bucket.set(DEC_MANIFEST, { etag: '"m4"', body: manifest([`${DEC}/exec-4/gone.csv.gz`]) });
    report = await ingestBillingExport({ source: source() });
    expect(report.errors).toEqual([
      `${DEC_MANIFEST}: lists s3://focus-bucket/${DEC}/exec-4/gone.csv.gz, not found under the export's data/2026-12`,
    ]);
    expect(short(await storedItems())).toEqual(before);
  });
});
