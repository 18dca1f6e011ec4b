import { getAuthConfig } from "@/lib/auth/auth-config";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { SignInClient } from "./client";
import { OidcSignInButton } from "./oidc-sign-in-button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { mode, roleGroups } = getAuthConfig();
  const refused = (await searchParams).refused === "no-role";
  const groups = Object.values(roleGroups).flat().join(", ");
  return (
    <main className="main" style={{ maxWidth: 520, margin: "48px auto" }}>
      <h1>Sign in to Fleet Console</h1>
      {refused && (
        <p className="banner bad" role="alert">
          You signed in, but your account is in none of the Fleet Console groups ({groups}); ask an admin for access, or
          sign in with another account.
        </p>
      )}
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
