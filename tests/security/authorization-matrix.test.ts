// The authorization matrix: every route handler and server action found on disk × anonymous and
// every role, called for real against a seeded database. A new route or action without an entry
// in route-access.ts fails the inventory; a handler that forgets its role check fails the matrix.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, hasRole, type Role } from "@/lib/auth/roles";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { seedSimulatedTraining } from "@/lib/simulator/training/seed-simulated-training";
import { TEST_ORIGIN, appRequest, sessionCookie, testSessionId } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";
import {
  HTTP_METHODS,
  ROOT,
  discoverPageFiles,
  discoverRouteFiles,
  discoverServerActionFiles,
  hasUseServer,
  routeParams,
} from "./discover-routes";
import { RISKY_DRAINS, idempotencyKey, requestRiskyDrain } from "./pool-action-fixtures";
import { ROUTE_ACCESS, SERVER_ACTION_ACCESS, type Access } from "./route-access";

// Server actions read the session through next/headers; here it answers as the identity under test.
const identity = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => {
  const jar = () => new Map(identity.cookie ? [identity.cookie.split("=", 2) as [string, string]] : []);
  return {
    headers: async () => new Headers({ cookie: identity.cookie, origin: "http://localhost", host: "localhost" }),
    cookies: async () => ({
      get: (name: string) => (jar().has(name) ? { name, value: jar().get(name)! } : undefined),
      getAll: () => [...jar()].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar().has(name),
    }),
  };
});

useTestDatabase();

type Identity = Role | null;
const IDENTITIES: Identity[] = [null, ...ROLES];
const who = (id: Identity) => id ?? "anonymous";

const routes = discoverRouteFiles();
const modules = new Map(
  await Promise.all(
    routes.map(async (r) => [r.key, (await import(/* @vite-ignore */ r.file)) as Record<string, unknown>] as const),
  ),
);
const exportedMethods = (key: string) => HTTP_METHODS.filter((m) => typeof modules.get(key)?.[m] === "function");

// Dynamic segments: a real row where one exists (so allowed callers reach the domain), and a
// missing one (denied callers must still get 401/403: the role check comes before any lookup).
const REAL: Record<string, string | string[]> = {
  poolId: "rank-xl-ctr-use1-r8g-b",
  modelId: "atlas-70b-chat",
  runId: "sim-atlas-70b-v6-pretrain",
  nextauth: ["session"],
  path: ["no", "such-endpoint"],
  // Another person's live session, so an admin's call reaches the domain (and revokes it).
  sessionId: testSessionId("demo-admin-2"),
};
const MISSING: Record<string, string | string[]> = {
  poolId: "no-such-pool",
  modelId: "no-such-model",
  runId: "no-such-run",
  actionId: "00000000-0000-4000-8000-000000000000",
  sessionId: "0".repeat(64),
  nextauth: ["nope"],
  path: ["nope"],
};

beforeAll(async () => {
  await seedSimulatedFleet();
  await seedSimulatedTraining();
  const { poolId, count } = RISKY_DRAINS[0];
  REAL.actionId = (await requestRiskyDrain({ poolId, count })).id;
});

async function call(
  key: string,
  method: string,
  id: Identity,
  samples: Record<string, string | string[]>,
  body?: unknown,
): Promise<Response> {
  const handler = modules.get(key)![method] as (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;
  const { path: url, params } = routeParams(key, samples);
  const request = appRequest(url, {
    role: id,
    method,
    body: method === "GET" ? undefined : (body ?? {}),
    headers: { "idempotency-key": idempotencyKey() },
  });
  return handler(request, { params: Promise.resolve(params) });
}

describe("inventory", () => {
  it("discovers the route handlers and server actions on disk", () => {
    const keys = routes.map((r) => r.key);
    expect(keys).toContain("/api/health");
    expect(keys).toContain("/api/pools/[poolId]/actions");
    expect(keys).toContain("/api/auth/[...nextauth]");
    expect(hasUseServer(`"use server";\nexport async function a() {}`)).toBe(true);
    expect(hasUseServer(`// why\n'use server'\n`)).toBe(true);
    expect(hasUseServer(`export async function a() {\n  "use server";\n}`)).toBe(true);
    expect(hasUseServer(`"use client";\nconst s = "use server is a directive";`)).toBe(false);
  });

  it("lists every route handler's exported methods in ROUTE_ACCESS, and nothing that is not on disk", () => {
    const onDisk = Object.fromEntries(routes.map((r) => [r.key, exportedMethods(r.key).sort()]));
    const listed = Object.fromEntries(Object.entries(ROUTE_ACCESS).map(([k, v]) => [k, Object.keys(v).sort()]));
    expect(listed).toEqual(onDisk);
  });

  it("lists every server action in SERVER_ACTION_ACCESS, and nothing that is not on disk", async () => {
    const onDisk: Record<string, string[]> = {};
    for (const file of discoverServerActionFiles()) {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
      onDisk[file] = Object.keys(mod)
        .filter((k) => typeof mod[k] === "function")
        .sort();
    }
    const listed = Object.fromEntries(Object.entries(SERVER_ACTION_ACCESS).map(([f, v]) => [f, Object.keys(v).sort()]));
    expect(listed).toEqual(onDisk);
  });

  it("every page checks the signed-in user itself (a layout is not re-run on every navigation)", () => {
    const PUBLIC_PAGES = new Set(["/signin"]);
    const pages = discoverPageFiles();
    expect(pages.map((p) => p.key)).toContain("/audit");
    for (const { key, file } of pages) {
      if (PUBLIC_PAGES.has(key)) continue;
      expect(readFileSync(file, "utf8"), `${path.relative(ROOT, file)} must call requirePageUser`).toMatch(
        /requirePageUser\(/,
      );
    }
  });
});

/** What "session" routes do, identity by identity; a new one must say here what it does. */
const SESSION_BEHAVIOUR: Record<string, (response: Response) => Promise<void>> = {
  // Demo mode (these tests): next-auth is off, whoever asks.
  "GET /api/auth/[...nextauth]": async (r) => {
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe("NOT_FOUND");
  },
  "POST /api/auth/[...nextauth]": async (r) => {
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe("NOT_FOUND");
  },
  // An address that is no endpoint: a JSON 404 naming it, whoever asks (it reveals nothing else).
  "GET /api/[...path]": async (r) => {
    expect(r.status).toBe(404);
    expect((await r.json()).error).toEqual({ code: "NOT_FOUND", message: "no API endpoint /api/no/such-endpoint" });
  },
  // Anyone may pick a demo user (that is demo mode); the answer sets a signed session cookie.
  "POST /api/auth/demo/sign-in": async (r) => {
    expect(r.status).toBe(200);
    expect((await r.json()).user.id).toBe("demo-viewer");
    expect(r.headers.get("set-cookie")).toMatch(/^fc_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+;.*HttpOnly/i);
  },
  // Signing out always succeeds and clears the cookie.
  "POST /api/auth/sign-out": async (r) => {
    expect(r.status).toBe(200);
    expect(r.headers.get("set-cookie")).toMatch(/^fc_session=;.*Max-Age=0/i);
  },
};
const SESSION_BODIES: Record<string, unknown> = { "POST /api/auth/demo/sign-in": { userId: "demo-viewer" } };

async function expectDecision(response: Response, access: Access, id: Identity, label: string) {
  const text = await response.clone().text();
  if (access === "public") {
    expect(response.status, `${label}: ${text.slice(0, 200)}`).toBe(200);
  } else if (access === "session") {
    throw new Error("session routes are checked against SESSION_BEHAVIOUR");
  } else if (id === null) {
    expect(response.status, label).toBe(401);
    expect(JSON.parse(text).error.code).toBe("UNAUTHENTICATED");
  } else if (!hasRole(id, access)) {
    expect(response.status, label).toBe(403);
    expect(JSON.parse(text).error).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(`needs the ${access} role`),
    });
  } else {
    // Authorized: whatever the dummy input earns next (200, 400, 404, 409, 422) but never a refusal or a crash.
    expect([401, 403], `${label}: ${text.slice(0, 200)}`).not.toContain(response.status);
    expect(response.status, `${label}: ${text.slice(0, 200)}`).toBeLessThan(500);
  }
}

describe.each(routes.flatMap((r) => exportedMethods(r.key).map((method) => ({ key: r.key, method }))))(
  "$method $key",
  ({ key, method }) => {
    const access = ROUTE_ACCESS[key]?.[method as keyof (typeof ROUTE_ACCESS)[string]];

    it.each(IDENTITIES.map((id) => ({ id, name: who(id) })))("as $name", async ({ id }) => {
      expect(access, `${method} ${key} is missing from ROUTE_ACCESS`).toBeDefined();
      if (access === "session") {
        const check = SESSION_BEHAVIOUR[`${method} ${key}`];
        expect(check, `document what ${method} ${key} does in SESSION_BEHAVIOUR`).toBeDefined();
        await check!(await call(key, method, id, REAL, SESSION_BODIES[`${method} ${key}`]));
        return;
      }
      for (const [name, samples] of [
        ["existing", REAL],
        ["missing", MISSING],
      ] as const) {
        if (access === "public" && name === "missing") continue;
        await expectDecision(
          await call(key, method, id, samples),
          access!,
          id,
          `${method} ${key} as ${who(id)} (${name} params)`,
        );
      }
    });
  },
);

describe.each(
  Object.entries(SERVER_ACTION_ACCESS).flatMap(([file, actions]) =>
    Object.entries(actions).map(([name, role]) => ({ file, name, role })),
  ),
)("server action $name ($file)", ({ file, name, role }) => {
  it.each(IDENTITIES.map((id) => ({ id, who: who(id) })))("as $who", async ({ id }) => {
    identity.cookie = id ? sessionCookie(id) : "";
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const outcome = await mod[name]!().then(
      () => null,
      (err: { code?: string; digest?: string }) => err,
    );
    const denied =
      outcome &&
      (outcome.code === "UNAUTHENTICATED" ||
        outcome.code === "FORBIDDEN" ||
        String(outcome.digest).startsWith("NEXT_REDIRECT"));
    expect(Boolean(denied), `${name} as ${who(id)}`).toBe(id === null || !hasRole(id, role));
  });
});

it("route-access test identities cover anonymous and every role", () => {
  expect(IDENTITIES).toEqual([null, "viewer", "operator", "admin"]);
  expect(TEST_ORIGIN).toBe("http://localhost");
});
