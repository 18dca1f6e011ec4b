// Who may call each route handler: the authorization matrix test (tests/security) discovers every
// app/**/route.ts from the file system and fails for a route or method missing here.
//   "public"   anyone, signed in or not
//   "session"  anyone signed in or not, but with its own rules (sign-in/out, next-auth)
//   a role     at least that role; anonymous → 401, lower roles → 403
import type { Role } from "@/lib/auth/roles";

export type Access = "public" | "session" | Role;

export const ROUTE_ACCESS: Record<string, Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Access>>> = {
  "/api/health": { GET: "public" },
  "/api/health/live": { GET: "public" },
  "/api/metrics": { GET: "public" },
  "/api/auth/[...nextauth]": { GET: "session", POST: "session" },
  "/api/auth/demo/sign-in": { POST: "session" },
  "/api/auth/sign-out": { POST: "session" },
  "/api/overview": { GET: "viewer" },
  "/api/models": { GET: "viewer" },
  "/api/models/[modelId]": { GET: "viewer" },
  "/api/pools": { GET: "viewer" },
  "/api/pools/[poolId]": { GET: "viewer" },
  "/api/capacity": { GET: "viewer" },
  "/api/capacity/review": { GET: "viewer" },
  "/api/pools/[poolId]/actions": { GET: "viewer", POST: "operator" },
  "/api/pools/[poolId]/actions/preview": { POST: "operator" },
  "/api/actions": { GET: "viewer" },
  "/api/actions/[actionId]": { GET: "viewer" },
  "/api/actions/[actionId]/cancel": { POST: "operator" },
  "/api/actions/[actionId]/approve": { POST: "admin" },
  "/api/actions/[actionId]/reject": { POST: "admin" },
  "/api/audit": { GET: "viewer" },
  "/api/audit/export": { GET: "viewer" },
  "/api/inventory": { GET: "viewer" },
  "/api/inventory/sync": { POST: "admin" },
  "/api/billing": { GET: "viewer" },
  "/api/training": { GET: "viewer" },
  "/api/training/runs/[runId]": { GET: "viewer" },
  "/api/sessions": { GET: "admin" },
  "/api/sessions/[sessionId]/revoke": { POST: "admin" },
  "/api/[...path]": { GET: "session" },
};

// Server actions ("use server" files under app/, lib/, components/): file path → exported action
// → the least role allowed. The matrix test fails for an action missing here. None exist yet.
export const SERVER_ACTION_ACCESS: Record<string, Record<string, Role>> = {};
