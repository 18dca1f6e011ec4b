// Thousands of malformed bodies, headers, query strings and path parameters at every API route
// (fast-check): never a 5xx, every refused change audited, and no write anywhere but the audit
// log and the rate limiter's counter.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { appRequest, testSessionId } from "../setup/auth";
import { getPrisma } from "@/lib/db";
import { useTestDatabase } from "../setup/test-database";
import { auditRowsSince, fleetSnapshot, auditMark, type FleetSnapshot } from "./db-snapshot";
import { HTTP_METHODS, discoverRouteFiles, routeParams } from "./discover-routes";
import * as gen from "./fuzz-arbitraries";
import { RISKY_DRAINS, requestRiskyDrain } from "./pool-action-fixtures";
import { ROUTE_ACCESS } from "./route-access";

// handle-mutation.ts reads the limit at import: thousands of requests must not be rate limited here
// (rate-limit.test.ts shows the 429).
vi.hoisted(() => {
  process.env.MUTATION_RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.PREVIEW_RATE_LIMIT_PER_MINUTE = "1000000";
});
const api = {
  poolActions: await import("@/app/api/pools/[poolId]/actions/route"),
  preview: await import("@/app/api/pools/[poolId]/actions/preview/route"),
  action: await import("@/app/api/actions/[actionId]/route"),
  approve: await import("@/app/api/actions/[actionId]/approve/route"),
  reject: await import("@/app/api/actions/[actionId]/reject/route"),
  cancel: await import("@/app/api/actions/[actionId]/cancel/route"),
  signIn: await import("@/app/api/auth/demo/sign-in/route"),
  signOut: await import("@/app/api/auth/sign-out/route"),
  inventorySync: await import("@/app/api/inventory/sync/route"),
  revokeSession: await import("@/app/api/sessions/[sessionId]/revoke/route"),
  pool: await import("@/app/api/pools/[poolId]/route"),
  model: await import("@/app/api/models/[modelId]/route"),
};

useTestDatabase();

const POOL = "rank-xl-ctr-use1-r8g-b";
const VIEWER_SESSION = testSessionId("demo-viewer");
const MODEL = "rank-xl-ctr";
let awaiting: { id: string; requestHash: string };
let cancelled: { id: string };
let baseline: FleetSnapshot;

beforeAll(async () => {
  await seedSimulatedFleet();
  awaiting = await requestRiskyDrain(RISKY_DRAINS[0]);
  const done = await requestRiskyDrain(RISKY_DRAINS[1]);
  const res = await api.cancel.POST(
    appRequest(`/api/actions/${done.id}/cancel`, { role: "operator", method: "POST" }),
    { params: Promise.resolve({ actionId: done.id }) },
  );
  expect(res.status).toBe(200);
  cancelled = done;
  baseline = await fleetSnapshot();
});

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
type Target = {
  name: string;
  handler: Handler;
  params: Record<string, unknown>;
  role: Role | null;
  userId?: string;
  audited: string | null;
};

/** Sends one request and checks the invariants; returns the status for the caller's own checks. */
async function send(
  t: Target,
  init: { path: string; method: string; body?: string; headers?: Record<string, string> },
): Promise<number> {
  const auditFrom = await auditMark();
  const request = appRequest(init.path, {
    role: t.role,
    userId: t.userId,
    method: init.method,
    body: init.body,
    headers: init.headers,
  });
  const response = await t.handler(request, { params: Promise.resolve(t.params as never) });
  const text = await response.text();
  const label = `${init.method} ${t.name} ${init.path.slice(0, 120)} body=${JSON.stringify(init.body?.slice(0, 200))} headers=${JSON.stringify(init.headers)} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, label).toBeLessThan(500);
  if (response.status >= 400) {
    const error = JSON.parse(text).error;
    expect(typeof error.code, label).toBe("string");
    expect(error.message.length, label).toBeGreaterThan(3);
  }
  const audit = await auditRowsSince(auditFrom);
  if (t.audited && response.status >= 400) {
    expect(
      audit.map((r) => [r.action, r.outcome]),
      label,
    ).toEqual([[t.audited, "refused"]]);
  } else if (init.method === "GET") {
    expect(audit, label).toEqual([]);
  }
  expect(await fleetSnapshot(), label).toEqual(baseline);
  return response.status;
}

const json = (v: unknown) => JSON.stringify(v);
const RUNS = { body: 400, raw: 250, query: 250, path: 150 };

// Routes whose body this file fuzzes; a new mutating route fails the check below until it is added.
const FUZZED_MUTATIONS = [
  "POST /api/pools/[poolId]/actions",
  "POST /api/pools/[poolId]/actions/preview",
  "POST /api/actions/[actionId]/approve",
  "POST /api/actions/[actionId]/reject",
  "POST /api/actions/[actionId]/cancel",
  "POST /api/auth/demo/sign-in",
  "POST /api/auth/sign-out",
  "POST /api/inventory/sync",
  "POST /api/sessions/[sessionId]/revoke",
];
const NOT_FUZZED = { "POST /api/auth/[...nextauth]": "next-auth's own OIDC endpoints; 404 in demo mode" };

it("fuzzes every mutating route on disk", async () => {
  const onDisk: string[] = [];
  for (const r of discoverRouteFiles()) {
    const mod = (await import(/* @vite-ignore */ r.file)) as Record<string, unknown>;
    for (const m of HTTP_METHODS)
      if (m !== "GET" && m !== "HEAD" && typeof mod[m] === "function") onDisk.push(`${m} ${r.key}`);
  }
  expect(onDisk.sort()).toEqual([...FUZZED_MUTATIONS, ...Object.keys(NOT_FUZZED)].sort());
});

describe("malformed JSON bodies", () => {
  const targets = () => ({
    create: {
      name: "create",
      handler: api.poolActions.POST as Handler,
      params: { poolId: POOL },
      role: "operator",
      audited: "pool.action.request",
    } satisfies Target,
    preview: {
      name: "preview",
      handler: api.preview.POST as Handler,
      params: { poolId: POOL },
      role: "operator",
      audited: null,
    } satisfies Target,
    approve: {
      name: "approve",
      handler: api.approve.POST as Handler,
      params: { actionId: awaiting.id },
      role: "admin",
      userId: "demo-admin-2",
      audited: "action.approve",
    } satisfies Target,
    reject: {
      name: "reject",
      handler: api.reject.POST as Handler,
      params: { actionId: awaiting.id },
      role: "admin",
      userId: "demo-admin-2",
      audited: "action.reject",
    } satisfies Target,
    signIn: {
      name: "sign-in",
      handler: api.signIn.POST as Handler,
      params: {},
      role: null,
      audited: "auth.sign-in",
    } satisfies Target,
    // Takes no parameters: any body but {} is refused before a sync starts.
    inventorySync: {
      name: "inventory-sync",
      handler: api.inventorySync.POST as Handler,
      params: {},
      role: "admin",
      audited: "inventory.sync",
    } satisfies Target,
    // The viewer's live test session: a malformed revoke must leave it live.
    revokeSession: {
      name: "revoke-session",
      handler: api.revokeSession.POST as Handler,
      params: { sessionId: VIEWER_SESSION },
      role: "admin",
      audited: "auth.session.revoke",
    } satisfies Target,
  });

  it("launch/drain requests: every one refused with a 4xx, audited, nothing created", async () => {
    await fc.assert(
      fc.asyncProperty(gen.malformedActionRequest(POOL), gen.idempotencyKeyHeader, async (body, key) => {
        const status = await send(targets().create, {
          path: `/api/pools/${POOL}/actions`,
          method: "POST",
          body: json(body),
          headers: { "idempotency-key": key },
        });
        expect(status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.body },
    );
  });

  it("well-formed requests whose text PostgreSQL cannot store (NUL, unpaired surrogates): 400, not a 500 or a write", async () => {
    // A pool with no active action: without the guard these would reach the insert.
    const FREE_POOL = "rerank-mini-use1-c7g-a";
    let n = 0;
    await fc.assert(
      fc.asyncProperty(gen.unstorableText, fc.constantFrom("reason", "override", "confirm"), async (text, where) => {
        const body = {
          kind: "drain",
          count: 1,
          reason: where === "reason" ? text : "a plain reason",
          confirmPoolName: where === "confirm" ? text : FREE_POOL,
          ...(where === "override" ? { overrides: { reservedIdle: text } } : {}),
        };
        const target = { ...targets().create, params: { poolId: FREE_POOL } };
        const status = await send(target, {
          path: `/api/pools/${FREE_POOL}/actions`,
          method: "POST",
          body: json(body),
          headers: { "idempotency-key": `fuzz-unstorable-${n++}` },
        });
        expect(status).toBe(400);
      }),
      { numRuns: RUNS.body / 2 },
    );
  });

  it("previews: every one refused with a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(gen.malformedPreviewRequest, async (body) => {
        expect(
          await send(targets().preview, {
            path: `/api/pools/${POOL}/actions/preview`,
            method: "POST",
            body: json(body),
          }),
        ).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.body },
    );
  });

  it("approvals: every one refused with a 4xx, audited, the action still awaiting approval", async () => {
    await fc.assert(
      fc.asyncProperty(gen.malformedApproval(awaiting.requestHash), async (body) => {
        expect(
          await send(targets().approve, {
            path: `/api/actions/${awaiting.id}/approve`,
            method: "POST",
            body: json(body),
          }),
        ).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.body },
    );
  });

  it("rejections: every one refused with a 4xx, audited, the action still awaiting approval", async () => {
    await fc.assert(
      fc.asyncProperty(gen.malformedRejection(awaiting.requestHash), async (body) => {
        expect(
          await send(targets().reject, {
            path: `/api/actions/${awaiting.id}/reject`,
            method: "POST",
            body: json(body),
          }),
        ).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.body / 2 },
    );
  });

  it("demo sign-in: every one refused with a 4xx and audited", async () => {
    await fc.assert(
      fc.asyncProperty(gen.malformedSignIn, async (body) => {
        expect(
          await send(targets().signIn, { path: "/api/auth/demo/sign-in", method: "POST", body: json(body) }),
        ).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.body / 2 },
    );
  });

  it("inventory sync: any body with a field is refused with a 4xx and audited, and no sync runs", async () => {
    const runs = await getPrisma().inventorySyncRun.count();
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 }), async (body) => {
        expect(
          await send(targets().inventorySync, { path: "/api/inventory/sync", method: "POST", body: json(body) }),
        ).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.body / 2 },
    );
    expect(await getPrisma().inventorySyncRun.count()).toBe(runs);
  });

  it("session revoke: any body but {} or { reason: text } is refused with a 4xx, and the session stays live", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.dictionary(
            fc.string({ minLength: 1 }).filter((k) => k !== "reason"),
            fc.jsonValue(),
            { minKeys: 1 },
          ),
          fc.record({ reason: fc.jsonValue().filter((v) => typeof v !== "string" && v !== undefined) }),
        ),
        async (body) => {
          expect(
            await send(targets().revokeSession, {
              path: `/api/sessions/${VIEWER_SESSION}/revoke`,
              method: "POST",
              body: json(body),
            }),
          ).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: RUNS.body / 4 },
    );
    expect(await getPrisma().userSession.count({ where: { id: VIEWER_SESSION } })).toBe(1);
  });

  it("non-JSON text, broken JSON, deep nesting and odd content types, at every body-reading route", async () => {
    const all = (): Target[] => [
      ...Object.values(targets()),
      {
        name: "cancel",
        handler: api.cancel.POST as Handler,
        params: { actionId: cancelled.id },
        role: "operator",
        audited: "action.cancel",
      },
      { name: "sign-out", handler: api.signOut.POST as Handler, params: {}, role: "viewer", audited: null },
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(), gen.rawNonJsonBody, gen.contentType, async (i, body, type) => {
        const t = all()[i % all().length]!;
        const status = await send(t, {
          path: `/api/${t.name}`,
          method: "POST",
          body,
          headers: type ? { "content-type": type } : {},
        });
        // cancel and sign-out ignore their body: well-formed JSON (deep nesting included) is fine there.
        // An empty body is a sync request, or a revoke, without parameters: it runs.
        const acceptsEmpty = (t.name === "inventory-sync" || t.name === "revoke-session") && body === "";
        if (t.name !== "sign-out" && t.name !== "cancel" && !acceptsEmpty) expect(status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.raw },
    );
  });

  it("bodies over 1 MB: 413 at every body-reading route", async () => {
    const big = json({ kind: "drain", count: 1, reason: "x".repeat(1024 * 1024), confirmPoolName: POOL });
    for (const t of Object.values(targets())) {
      expect(
        await send(t, {
          path: `/api/${t.name}`,
          method: "POST",
          body: big,
          headers: { "idempotency-key": "fuzz-big-body-1" },
        }),
      ).toBe(413);
    }
  });
});

describe("hostile query strings", () => {
  // Every GET handler on disk, so a new reader is fuzzed without anyone adding it here.
  const discovered = discoverRouteFiles();
  const getModules = Promise.all(
    discovered.map(async (r) => ({
      key: r.key,
      mod: (await import(/* @vite-ignore */ r.file)) as Record<string, unknown>,
    })),
  );
  const readers = async (): Promise<Target[]> =>
    (await getModules)
      .filter(({ mod }) => typeof mod.GET === "function")
      .map(({ key, mod }) => {
        const access = ROUTE_ACCESS[key]?.GET;
        const { params } = routeParams(key, {
          poolId: POOL,
          modelId: MODEL,
          runId: "no-such-run",
          actionId: awaiting.id,
          nextauth: ["session"],
          path: ["no-such-endpoint"],
        });
        return {
          name: key,
          handler: mod.GET as Handler,
          params,
          role: access === "operator" || access === "admin" ? access : "viewer",
          audited: null,
        } satisfies Target;
      });
  const rangeReaders = [
    "/api/overview",
    "/api/models",
    "/api/audit",
    "/api/audit/export",
    "/api/pools",
    "/api/capacity",
  ];

  it("never answer 5xx and never write, at every GET route", async () => {
    const targets = await readers();
    expect(targets.map((t) => t.name)).toEqual(
      expect.arrayContaining(["/api/overview", "/api/audit", "/api/pools/[poolId]/actions"]),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), gen.hostileQuery, async (i, query) => {
        const t = targets[i % targets.length]!;
        await send(t, { path: `${t.name}${query}`, method: "GET" });
      }),
      { numRuns: RUNS.query * 4 },
    );
  });

  it("refuse inverted and over-455-day custom ranges with a 400 that says why", async () => {
    const targets = (await readers()).filter((t) => rangeReaders.includes(t.name));
    expect(targets).toHaveLength(rangeReaders.length);
    await fc.assert(
      fc.asyncProperty(fc.nat(), gen.badCustomRange, async (i, range) => {
        const t = targets[i % targets.length]!;
        const status = await send(t, {
          path: `${t.name}?range=custom&from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`,
          method: "GET",
        });
        expect(status).toBe(400);
      }),
      { numRuns: RUNS.query },
    );
  });
});

describe("hostile path parameters", () => {
  const routes = (id: string): Array<[Target, string, string | undefined]> => [
    [
      {
        name: "pool-actions",
        handler: api.poolActions.GET as Handler,
        params: { poolId: id },
        role: "viewer",
        audited: null,
      },
      "GET",
      undefined,
    ],
    [
      {
        name: "preview",
        handler: api.preview.POST as Handler,
        params: { poolId: id },
        role: "operator",
        audited: null,
      },
      "POST",
      json({ kind: "drain", count: 1 }),
    ],
    [
      {
        name: "create",
        handler: api.poolActions.POST as Handler,
        params: { poolId: id },
        role: "operator",
        audited: "pool.action.request",
      },
      "POST",
      json({ kind: "drain", count: 1, reason: "fuzzing the pool id", confirmPoolName: id }),
    ],
    [
      { name: "pool", handler: api.pool.GET as Handler, params: { poolId: id }, role: "viewer", audited: null },
      "GET",
      undefined,
    ],
    [
      { name: "model", handler: api.model.GET as Handler, params: { modelId: id }, role: "viewer", audited: null },
      "GET",
      undefined,
    ],
    [
      { name: "action", handler: api.action.GET as Handler, params: { actionId: id }, role: "viewer", audited: null },
      "GET",
      undefined,
    ],
    [
      {
        name: "approve",
        handler: api.approve.POST as Handler,
        params: { actionId: id },
        role: "admin",
        audited: "action.approve",
      },
      "POST",
      json({ paramsHash: "0".repeat(64) }),
    ],
    [
      {
        name: "cancel",
        handler: api.cancel.POST as Handler,
        params: { actionId: id },
        role: "operator",
        audited: "action.cancel",
      },
      "POST",
      undefined,
    ],
  ];
  const sendTo = ([t, method, body]: [Target, string, string | undefined], value: string) =>
    send(t, {
      path: `/api/${t.name}/${encodeURIComponent(value).slice(0, 300)}`,
      method,
      body,
      headers: { "idempotency-key": "fuzz-path-param" },
    });

  it("never answer 5xx and never write, for any pool, model or action id", async () => {
    // What a URL can carry once Next has decoded it: anything but an unpaired surrogate (%ED%A0%80
    // does not decode). NUL (%00) has its own test below, so that it cannot hide other findings.
    const id = fc
      .oneof(
        gen.nastyString(80),
        fc.string({ minLength: 200, maxLength: 3000 }),
        fc.constantFrom("", ".", "..", "%00", "%2e%2e", "rank-xl-ctr-use1-r8g-b ", "RANK-XL-CTR-USE1-R8G-B"),
      )
      .filter((v) => !/\p{Cs}|\u0000/u.test(v));
    await fc.assert(
      fc.asyncProperty(fc.nat(), id, async (i, value) => {
        const all = routes(value);
        const route = all[i % all.length]!;
        expect(await sendTo(route, value)).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.path * 4 },
    );
  });

  it("answers a NUL byte in a path parameter (/api/pools/%00/actions) with a 4xx, not a 500", async () => {
    const failures: string[] = [];
    for (const route of routes("rank-xl-ctr-use1-r8g-b\u0000")) {
      const outcome = await sendTo(route, "rank-xl-ctr-use1-r8g-b\u0000").then(
        String,
        (err: Error) => err.message.split("\n")[0]!,
      );
      if (!/^4\d\d$/.test(outcome)) failures.push(`${route[1]} ${route[0].name}: ${outcome.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });
});
