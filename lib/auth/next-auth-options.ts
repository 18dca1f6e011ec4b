import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getAuthConfig } from "./auth-config";
import { roleFromGroups } from "./roles";

// Single sign-on through next-auth with a generic OpenID Connect provider. Sessions are JWTs that
// carry the role mapped from the groups claim at sign-in; they expire after SESSION_MAX_AGE_SECONDS.
export function getNextAuthOptions(): NextAuthOptions {
  const config = getAuthConfig();
  if (!config.oidc) throw new Error("OIDC is not configured");
  const { issuer, clientId, clientSecret, groupsClaim } = config.oidc;
  return {
    secret: config.secret,
    session: { strategy: "jwt", maxAge: config.sessionMaxAgeSeconds },
    pages: { signIn: "/signin" },
    providers: [
      {
        id: "oidc",
        name: "Single sign-on",
        type: "oauth",
        wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
        clientId,
        clientSecret,
        authorization: { params: { scope: "openid email profile" } },
        idToken: true,
        checks: ["pkce", "state"],
        profile: (profile: { sub: string; name?: string; email?: string }) => ({
          id: profile.sub,
          name: profile.name ?? profile.email ?? profile.sub,
          email: profile.email,
        }),
      },
    ],
    callbacks: {
      jwt({ token, profile }) {
        if (profile) {
          const claim = (profile as Record<string, unknown>)[groupsClaim];
          const groups = Array.isArray(claim) ? claim.map(String) : typeof claim === "string" ? [claim] : [];
          token.role = roleFromGroups(groups, config.roleGroups);
        }
        return token;
      },
    },
  };
}
