// Inventory sync figures for the benchmark runner (npm run bench -- --only inventory): one sync of a
// large fake AWS account (1,000 pools: ASGs, EKS node groups and Karpenter NodePools over 6 regions
// and 4 clusters; tests/aws-standins/fake-account.ts) into a fresh database through the real SDK
// and Kubernetes clients, then a second sync with nothing changed. Reports requests per service
// (as the stand-ins received them), seconds, changes and rows written per table.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import { closeDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createAwsInventorySource } from "@/lib/inventory/aws/aws-inventory-source";
import { resetInventoryAwsClients } from "@/lib/inventory/aws/inventory-aws-clients";
import { syncInventory } from "@/lib/inventory/sync/sync-inventory";
import { startFakeAccount } from "@/tests/aws-standins/fake-account";

export const INVENTORY_BENCH_SHAPE = { pools: 1000, regions: 6, clusters: 4, models: 40 };

type SyncFigures = {
  seconds: number;
  changes: number;
  problems: number;
  failedScopes: string[];
  /** The sum of the scopes' own counts (what the sync run row records). */
  apiCallsCounted: number;
  requests: Record<string, number>;
  /** Rows inserted and updated per table (pg_stat_user_tables, read after the connections close). */
  rowsWritten: Record<string, number>;
};
export type InventoryBenchResult = {
  shape: typeof INVENTORY_BENCH_SHAPE;
  stored: { pools: number; poolModels: number; reservations: number; prices: number; scopes: number };
  first: SyncFigures;
  second: SyncFigures;
};

export async function runInventorySyncBench(opts: {
  adminUrl: string;
  log: (m: string) => void;
}): Promise<InventoryBenchResult> {
  const account = await startFakeAccount(INVENTORY_BENCH_SHAPE);
  const saved = { ...process.env };
  Object.assign(process.env, account.env);
  for (const key of ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL"]) delete process.env[key];
  resetInventoryAwsClients();
  const db = await scratchDatabase(opts.adminUrl);
  try {
    await closeDb();
    process.env.DATABASE_URL = db.url;
    const source = createAwsInventorySource({ configFile: account.configFile });
    const run = async (label: string, now: Date): Promise<SyncFigures> => {
      account.requests.clear();
      const before = await tableWrites(db.url);
      const started = performance.now();
      const result = await syncInventory({ source, trigger: "bench", now });
      const seconds = Math.round((performance.now() - started) / 10) / 100;
      if (result.error) throw new Error(`inventory sync failed: ${result.error}`);
      await closeDb(); // flushes this process's table statistics
      const after = await tableWrites(db.url, before);
      const rowsWritten = Object.fromEntries(
        Object.entries(after)
          .map(([t, n]) => [t, n - (before[t] ?? 0)] as const)
          .filter(([, n]) => n > 0),
      );
      const figures = {
        seconds,
        changes: result.changes.length,
        problems: result.problems.length,
        failedScopes: result.failedScopes,
        apiCallsCounted: result.apiCalls,
        requests: account.requests.counts(),
        rowsWritten,
      };
      opts.log(`inventory ${label}: ${seconds} s, ${figures.changes} changes, ${JSON.stringify(figures.requests)}`);
      return figures;
    };
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const first = await run("first sync (empty database)", now);
    const second = await run("second sync (no change)", new Date(now.getTime() + 300_000));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const count = async (table: string) => Number((await client.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
    const stored = {
      pools: await count(`"Pool"`),
      poolModels: await count(`"PoolModel"`),
      reservations: await count(`"CapacityReservation"`),
      prices: await count(`"InstancePrice"`),
      scopes: await count(`"InventoryScopeState"`),
    };
    await client.end();
    return { shape: INVENTORY_BENCH_SHAPE, stored, first, second };
  } finally {
    await closeDb();
    await db.drop();
    resetInventoryAwsClients();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await account.close();
  }
}

async function scratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const host = new URL(adminUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host))
    throw new Error(`bench refuses non-local database host ${host}`);
  const name = `fc_bench_inventory_${randomBytes(5).toString("hex")}`;
  const exec = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await exec(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations({ databaseUrl: url.toString() });
  return { url: url.toString(), drop: () => exec(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`) };
}

/**
 * Rows inserted + updated per table so far. A backend reports its counts when its connection
 * closes, a moment later: wait (up to 5 s) for the figures to settle and, with `until`, to move past it.
 */
async function tableWrites(url: string, until?: Record<string, number>): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let last = "";
    for (let i = 0; i < 50; i++) {
      await client.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await client.query<{ relname: string; n: string }>(
        "SELECT relname, n_tup_ins + n_tup_upd AS n FROM pg_stat_user_tables",
      );
      const now = Object.fromEntries(rows.map((r) => [r.relname, Number(r.n)]));
      const key = JSON.stringify(now);
      const moved = !until || Object.entries(now).some(([t, n]) => n !== (until[t] ?? 0));
      if (moved && key === last) return now;
      last = key;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("table statistics did not settle");
  } finally {
    await client.end();
  }
}

export function writeInventoryResults(r: InventoryBenchResult & { startedAt: string; machine: string }): void {
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/inventory-sync.json", JSON.stringify(r, null, 2) + "\n");
  const services = ["autoscaling", "ec2", "pricing", "eks", "kubernetes"];
  const total = (f: SyncFigures) => Object.values(f.requests).reduce((a, b) => a + b, 0);
  const rows = (f: SyncFigures) => Object.values(f.rowsWritten).reduce((a, b) => a + b, 0);
  const tables = [...new Set([...Object.keys(r.first.rowsWritten), ...Object.keys(r.second.rowsWritten)])].sort();
  const lines = [
    `# Inventory sync benchmark`,
    ``,
    `Run ${r.startedAt} on ${r.machine}. Fake account (tests/aws-standins/fake-account.ts): ${r.shape.pools} pools (ASGs, EKS node groups and Karpenter NodePools) over ${r.shape.regions} regions and ${r.shape.clusters} clusters, ${r.shape.models} models, through the real SDK and Kubernetes clients into a fresh PostgreSQL database.`,
    `Stored: ${r.stored.pools} pools, ${r.stored.poolModels} pool–model mappings, ${r.stored.reservations} reservations, ${r.stored.prices} prices, ${r.stored.scopes} scopes.`,
    ``,
    `| sync | seconds | changes | requests | ${services.join(" | ")} | counted by scopes | rows written |`,
    `| --- | ---: | ---: | ---: | ${services.map(() => "---:").join(" | ")} | ---: | ---: |`,
    ...(
      [
        ["first (empty database)", r.first],
        ["second (nothing changed)", r.second],
      ] as const
    ).map(
      ([name, f]) =>
        `| ${name} | ${f.seconds} | ${f.changes} | ${total(f)} | ${services.map((s) => f.requests[s] ?? 0).join(" | ")} | ${f.apiCallsCounted} | ${rows(f)} |`,
    ),
    ``,
    `Rows inserted or updated per table (pg_stat_user_tables):`,
    ``,
    `| table | first | second |`,
    `| --- | ---: | ---: |`,
    ...tables.map((t) => `| ${t} | ${r.first.rowsWritten[t] ?? 0} | ${r.second.rowsWritten[t] ?? 0} |`),
    ``,
  ];
  writeFileSync("bench/results/inventory-sync.md", lines.join("\n"));
}
