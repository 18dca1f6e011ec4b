import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Role } from "./roles";

// Sign-in settings. With OIDC_ISSUER set the app uses single sign-on (next-auth, generic OIDC);
// without it, an explicit demo mode with pickable demo users, which a production server refuses
// unless AUTH_DEMO_MODE=true says so.
const list = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));
const ZAuthEnv = z.object({
  AUTH_SECRET: z.string().min(32).optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  ROLE_GROUPS_VIEWER: list.default(["fleet-viewers"]),
  ROLE_GROUPS_OPERATOR: list.default(["fleet-operators"]),
  ROLE_GROUPS_ADMIN: list.default(["fleet-admins"]),
  AUTH_DEMO_MODE: z.enum(["true", "false"]).optional(),
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(300).max(7 * 86400).default(8 * 3600),
});

export type AuthConfig = {
  mode: "oidc" | "demo";
  secret: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; groupsClaim: string } | null;
  roleGroups: Record<Role, string[]>;
  sessionMaxAgeSeconds: number;
};

let cached: AuthConfig | undefined;

export function getAuthConfig(): AuthConfig {
  if (cached) return cached;
  const env = ZAuthEnv.parse(process.env);
  const oidc = env.OIDC_ISSUER
    ? { issuer: env.OIDC_ISSUER, clientId: required(env.OIDC_CLIENT_ID, "OIDC_CLIENT_ID"), clientSecret: required(env.OIDC_CLIENT_SECRET, "OIDC_CLIENT_SECRET"), groupsClaim: env.OIDC_GROUPS_CLAIM }
    : null;
  if (!oidc && process.env.NODE_ENV === "production" && env.AUTH_DEMO_MODE !== "true") {
    throw new Error("No OIDC provider is configured and AUTH_DEMO_MODE is not true: refusing to run a production server in demo mode");
  }
  if (oidc && !env.AUTH_SECRET) throw new Error("AUTH_SECRET (32+ characters) is required with OIDC");
  cached = {
    mode: oidc ? "oidc" : "demo",
    // Demo mode without a secret: sessions last as long as this process.
    secret: env.AUTH_SECRET ?? randomBytes(32).toString("hex"),
    oidc,
    roleGroups: { viewer: env.ROLE_GROUPS_VIEWER, operator: env.ROLE_GROUPS_OPERATOR, admin: env.ROLE_GROUPS_ADMIN },
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
  };
  return cached;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required when OIDC_ISSUER is set`);
  return value;
}
