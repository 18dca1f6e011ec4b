// The audit log: append-only in the database and in the code, and GET /api/audit(/export) filter,
// page, bound their input and export exactly what they are asked for.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as auditGET } from "@/app/api/audit/route";
import { GET as exportGET } from "@/app/api/audit/export/route";
import { POST as cancelPOST } from "@/app/api/actions/[actionId]/cancel/route";
import { ZAuditPage } from "@/lib/audit/audit-event-dto";
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";
import { ROOT } from "./discover-routes";
import { RISKY_DRAINS, requestRiskyDrain } from "./pool-action-fixtures";

useTestDatabase();

const RUN = `t${Date.now().toString(36)}`; // this file's own actors, so counts are exact
const actor = (name: string) => `${RUN}-${name}`;
const DAY = 86400_000;

beforeAll(async () => {
  await seedSimulatedFleet();
  // Rows at known times: now, 3 days ago, 10 days ago, 400 days ago.
  const rows: Array<[string, string, string | null, string, number, string | null]> = [
    [actor("alice"), "pool.drain", "pool-a", "succeeded", 0, null],
    [actor("alice"), "pool.launch", "pool-b", "refused", 3 * DAY, null],
    [actor("alice"), "action.approve", "pool-a", "succeeded", 10 * DAY, null],
    [actor("bob"), "pool.drain", "pool-a", "failed", 1000, '=HYPERLINK("http://evil.example")'],
    [actor("bob"), "auth.sign-in", null, "succeeded", 400 * DAY, null],
  ];
  for (const [who, action, poolId, outcome, agoMs, userAgent] of rows) {
    await getPool().query(
      `INSERT INTO "AuditEvent" (at, actor, "actorRole", action, "poolId", outcome, "userAgent", reason) VALUES (now() - make_interval(secs => $1), $2, 'operator', $3, $4, $5::"AuditOutcome", $6, 'line one, "quoted"\nline two')`,
      [agoMs / 1000, who, action, poolId, outcome, userAgent],
    );
  }
});

async function list(query: string) {
  const response = await auditGET(appRequest(`/api/audit${query}`, { role: "viewer" }));
  const body = await response.json();
  return { status: response.status, body };
}

describe("the audit log is append-only", () => {
  it("the database refuses UPDATE and DELETE of audit rows", async () => {
    await expect(
      getPool().query(`UPDATE "AuditEvent" SET outcome = 'succeeded' WHERE actor = $1`, [actor("bob")]),
    ).rejects.toThrow(/append-only/);
    await expect(getPool().query(`DELETE FROM "AuditEvent" WHERE actor = $1`, [actor("bob")])).rejects.toThrow(
      /append-only/,
    );
  });

  it("no application code updates, deletes or truncates audit rows", () => {
    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!["node_modules", "generated", ".next"].includes(e.name)) scan(full);
        } else if (/\.(ts|tsx)$/.test(e.name)) {
          const src = readFileSync(full, "utf8");
          if (
            /auditEvent\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/.test(src) ||
            /(UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+"?AuditEvent"?/i.test(src)
          )
            offenders.push(path.relative(ROOT, full));
        }
      }
    };
    for (const dir of ["app", "lib", "components", "scripts", "prisma"]) scan(path.join(ROOT, dir));
    // The one update there is: a refusal's repeat count (lib/audit/record-audit-event.ts, recordRefusal).
    expect(offenders.filter((f) => !f.startsWith("prisma/migrations/"))).toEqual(["lib/audit/record-audit-event.ts"]);
  });

  it("the only update the database allows is a refused row's repeat count growing, with its lastAt", async () => {
    const refused = `SELECT id FROM "AuditEvent" WHERE actor = $1 AND outcome = 'refused'`;
    const ok = await getPool().query(
      `UPDATE "AuditEvent" SET "repeatCount" = "repeatCount" + 1, "lastAt" = now() WHERE id IN (${refused}) RETURNING "repeatCount"`,
      [actor("alice")],
    );
    expect(ok.rows).toEqual([{ repeatCount: 2 }]);
    for (const sql of [
      `UPDATE "AuditEvent" SET "repeatCount" = 1 WHERE id IN (${refused})`,
      `UPDATE "AuditEvent" SET "repeatCount" = "repeatCount" + 1, message = 'edited' WHERE id IN (${refused})`,
      `UPDATE "AuditEvent" SET "repeatCount" = "repeatCount" + 1, at = now() WHERE id IN (${refused})`,
      `UPDATE "AuditEvent" SET "repeatCount" = "repeatCount" + 1 WHERE actor = $1 AND outcome = 'succeeded'`,
    ])
      await expect(getPool().query(sql, [actor("alice")]), sql).rejects.toThrow(/append-only/);
  });
});

describe("repeated refusals", () => {
  const MISSING = "00000000-0000-4000-8000-00000000abcd";
  const cancelMissing = (userId: string) =>
    cancelPOST(appRequest(`/api/actions/${MISSING}/cancel`, { role: "operator", userId, method: "POST" }), {
      params: Promise.resolve({ actionId: MISSING }),
    });
  const rowsOf = async (who: string) =>
    (
      await getPool().query(
        `SELECT outcome, "repeatCount", "lastAt" IS NOT NULL AS repeated FROM "AuditEvent"
         WHERE actor = $1 AND action = 'action.cancel' ORDER BY id`,
        [who],
      )
    ).rows;

  it("identical refusals within a minute are one row with a count; a different refusal is its own row", async () => {
    for (let i = 0; i < 5; i++) expect((await cancelMissing("demo-operator")).status).toBe(404);
    expect(await rowsOf("demo-operator")).toEqual([{ outcome: "refused", repeatCount: 5, repeated: true }]);
    // Another person's identical request is another actor: a row of its own.
    expect((await cancelMissing("demo-admin")).status).toBe(404);
    expect(await rowsOf("demo-admin")).toEqual([{ outcome: "refused", repeatCount: 1, repeated: false }]);
  });

  it("a refusal after the first one's minute has passed starts a new row", async () => {
    // The same refusal, recorded for another admin 61 s ago (rows cannot be moved back in time).
    await getPool().query(
      `INSERT INTO "AuditEvent" (at, actor, "actorRole", action, outcome, message, "sourceIp")
       SELECT now() - interval '61 seconds', 'demo-admin-2', 'admin', action, outcome, message, "sourceIp"
       FROM "AuditEvent" WHERE actor = 'demo-operator' AND action = 'action.cancel'`,
    );
    expect((await cancelMissing("demo-admin-2")).status).toBe(404);
    expect(await rowsOf("demo-admin-2")).toEqual([
      { outcome: "refused", repeatCount: 1, repeated: false },
      { outcome: "refused", repeatCount: 1, repeated: false },
    ]);
  });
});

describe("GET /api/audit", () => {
  it("filters by actor, newest first, within the default 7 days", async () => {
    const { status, body } = await list(`?actor=${actor("alice")}`);
    expect(status).toBe(200);
    const page = ZAuditPage.parse(body);
    expect(page.events.map((e) => e.action)).toEqual(["pool.drain", "pool.launch"]); // the 10-day-old approval is outside 7d
    expect(page.nextBefore).toBeNull();
  });

  it("filters by pool, action prefix, outcome and range", async () => {
    const ids = async (q: string) =>
      ZAuditPage.parse((await list(q)).body).events.map((e) => `${e.actor.slice(RUN.length + 1)}:${e.action}`);
    expect(await ids(`?poolId=pool-a&range=30d&actor=${actor("alice")}`)).toEqual([
      "alice:pool.drain",
      "alice:action.approve",
    ]);
    expect(await ids(`?action=pool.&range=30d&poolId=pool-a`)).toEqual(["alice:pool.drain", "bob:pool.drain"]);
    expect(await ids(`?action=pool.launch&actor=${actor("alice")}`)).toEqual(["alice:pool.launch"]);
    expect(await ids(`?outcome=failed&actor=${actor("bob")}`)).toEqual(["bob:pool.drain"]);
    expect(await ids(`?actor=${actor("bob")}&range=455d`)).toEqual(["bob:pool.drain", "bob:auth.sign-in"]);
    const from = new Date(Date.now() - 11 * DAY).toISOString();
    const to = new Date(Date.now() - 2 * DAY).toISOString();
    expect(await ids(`?range=custom&from=${from}&to=${to}&actor=${actor("alice")}`)).toEqual([
      "alice:pool.launch",
      "alice:action.approve",
    ]);
  });

  it("pages with a keyset cursor: every event once, in order, then nextBefore null", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = ZAuditPage.parse(
        (await list(`?range=455d&limit=2&actor=${actor("alice")}${before ? `&before=${before}` : ""}`)).body,
      );
      seen.push(...page.events.map((e) => e.id));
      before = page.nextBefore;
      if (!before) break;
    }
    // alice's rows were inserted newest first, so time order is id order here.
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect([...seen].sort((a, b) => Number(BigInt(a) - BigInt(b)))).toEqual(seen);
  });

  it.each([
    ["?range=custom&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", /from must be before to/],
    ["?range=custom&from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z", /from must be before to/],
    ["?range=custom&from=2025-01-01T00:00:00Z&to=2026-04-01T00:00:01Z", /at most 455 days/], // 455 days and a second
    ["?range=custom&from=2026-03-01T00:00:00Z", /needs both from and to/],
    ["?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z", /only allowed with range=custom/],
    ["?range=custom&from=NaN&to=2026-03-02T00:00:00Z", /from/],
    ["?limit=-1", /limit must be a whole number from 1 to 500/],
    ["?limit=NaN", /limit must be a whole number/],
    ["?limit=0", /limit must be a whole number/],
    ["?limit=501", /limit must be a whole number/],
    ["?limit=1e3", /limit must be a whole number/],
    ["?before=-5", /before must be an event id/],
    ["?before=999999999", /no audit event 999999999/],
    ["?outcome=maybe", /outcome/],
    ["?action=pool.%25", /action must be an action kind/],
    ["?actor=a%00b", /control characters are not allowed/],
    ["?range=2y", /range/],
    ["?sort=id", /Unrecognized key/],
  ])("refuses %s with a 400 that says why", async (query, message) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.message).toMatch(message);
  });

  it("accepts exactly 455 days", async () => {
    expect((await list("?range=custom&from=2025-01-01T00:00:00Z&to=2026-04-01T00:00:00Z")).status).toBe(200);
  });

  it("shows a real change with who, what, pool, parameters, reason, outcome, source IP and user agent", async () => {
    const { poolId, count } = RISKY_DRAINS[0];
    const action = await requestRiskyDrain({
      poolId,
      count,
      headers: { "x-forwarded-for": "198.51.100.23", "user-agent": "audit-test/2.0" },
    });
    const page = ZAuditPage.parse((await list(`?poolId=${poolId}&action=pool.drain`)).body);
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({
      actor: "demo-operator",
      actorRole: "operator",
      action: "pool.drain",
      poolId,
      outcome: "succeeded",
      reason: "security test: risky drain",
      params: expect.objectContaining({ actionId: action.id, count, mode: "count" }),
      sourceIp: "198.51.100.23",
      userAgent: "audit-test/2.0",
    });
    expect(Date.now() - Date.parse(page.events[0]!.at)).toBeLessThan(10 * 60_000);
  });
});

describe("GET /api/audit/export", () => {
  it("exports every matching row as CSV, quoting text and defusing formulas", async () => {
    const response = await exportGET(
      appRequest(`/api/audit/export?actor=${actor("bob")}&range=455d`, { role: "viewer" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-\d{8}T\d{4}-\d{8}T\d{4}\.csv"$/,
    );
    expect(response.headers.get("x-export-truncated")).toBe("false");
    const csv = await response.text();
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "id,at_utc,actor,actor_role,action,pool_id,model_id,outcome,repeat_count,last_repeat_at_utc,reason,message,params_json,source_ip,user_agent",
    );
    expect(csv).toContain(`${actor("bob")},operator,pool.drain,pool-a,,failed,1,,"line one, ""quoted""\nline two"`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).toContain(`${actor("bob")},operator,auth.sign-in`);
    expect(csv.match(new RegExp(actor("bob"), "g"))).toHaveLength(2);
  });

  it("refuses the same bad filters as the list, with a 400", async () => {
    const response = await exportGET(
      appRequest(`/api/audit/export?range=custom&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`, {
        role: "viewer",
      }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/at most 455 days/);
  });
});
