import "server-only";
import { randomBytes } from "node:crypto";
import { getAuthEnv, getConfig } from "@/lib/config";
import type { Role } from "./roles";

// Sign-in settings (parsed in lib/config.ts): OIDC single sign-on, or the explicit demo mode.
export type AuthConfig = {
  mode: "oidc" | "demo";
  secret: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; groupsClaim: string } | null;
  roleGroups: Record<Role, string[]>;
  sessionMaxAgeSeconds: number;
  sessionIdleSeconds: number;
};

let cached: AuthConfig | undefined;

export function getAuthConfig(): AuthConfig {
  if (cached) return cached;
  const env = getAuthEnv();
  const oidc = env.OIDC_ISSUER
    ? {
        issuer: env.OIDC_ISSUER,
        clientId: required(env.OIDC_CLIENT_ID, "OIDC_CLIENT_ID"),
        clientSecret: required(env.OIDC_CLIENT_SECRET, "OIDC_CLIENT_SECRET"),
        groupsClaim: env.OIDC_GROUPS_CLAIM,
      }
    : null;
  if (!oidc && getConfig().NODE_ENV === "production" && env.AUTH_DEMO_MODE !== "true") {
    throw new Error(
      "No OIDC provider is configured and AUTH_DEMO_MODE is not true: refusing to run a production server in demo mode",
    );
  }
  if (oidc && !env.AUTH_SECRET) throw new Error("AUTH_SECRET (32+ characters) is required with OIDC");
  cached = {
    mode: oidc ? "oidc" : "demo",
    // Demo mode without a secret: sessions last as long as this process.
    secret: env.AUTH_SECRET ?? randomBytes(32).toString("hex"),
    oidc,
    roleGroups: { viewer: env.ROLE_GROUPS_VIEWER, operator: env.ROLE_GROUPS_OPERATOR, admin: env.ROLE_GROUPS_ADMIN },
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
    sessionIdleSeconds: Math.min(env.SESSION_IDLE_SECONDS, env.SESSION_MAX_AGE_SECONDS),
  };
  return cached;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required when OIDC_ISSUER is set`);
  return value;
}
