import { getAuthConfig } from "@/lib/auth/auth-config";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { SignInClient } from "./client";
import { OidcSignInButton } from "./oidc-sign-in-button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default function SignInPage() {
  const mode = getAuthConfig().mode;
  return (
    <main className="main" style={{ maxWidth: 520, margin: "48px auto" }}>
      <h1>Sign in to Fleet Console</h1>
      {mode === "oidc" ? (
        <p>
          <OidcSignInButton />
        </p>
      ) : (
        <>
          <p className="banner warn">
            <span className="badge warn">demo mode</span> No identity provider is configured. Pick a demo user; set
            OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for single sign-on.
          </p>
          <SignInClient users={DEMO_USERS} />
        </>
      )}
    </main>
  );
}
