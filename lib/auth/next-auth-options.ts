import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getAuthConfig } from "./auth-config";
import { roleFromGroups } from "./roles";
import { createSession, endSession } from "./session-store";

// Single sign-on through next-auth with a generic OpenID Connect provider. Sessions are JWTs that
// carry the role mapped from the groups claim at sign-in and the id of a server-side UserSession
// (lib/auth/session-store.ts), which sign-out and an admin's revoke delete: the JWT alone is not a
// session. A user whose groups map to no role gets no session row and is refused.
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
      async jwt({ token, profile }) {
        if (profile) {
          const claim = (profile as Record<string, unknown>)[groupsClaim];
          const groups = Array.isArray(claim) ? claim.map(String) : typeof claim === "string" ? [claim] : [];
          const role = roleFromGroups(groups, config.roleGroups);
          token.role = role;
          if (role && token.sub) {
            const name = typeof token.name === "string" && token.name ? token.name : token.sub;
            const session = await createSession({ id: token.sub, name, role }, "oidc", {
              sourceIp: null,
              userAgent: null,
            });
            token.sid = session.id;
          }
        }
        return token;
      },
    },
    events: {
      // next-auth's own sign-out (/api/auth/signout) ends the server-side session too.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}
