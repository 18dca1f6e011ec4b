// A real OpenID Connect provider for the single-sign-on end-to-end tests (Playwright starts it as
// a web server). It is `oidc-provider`, the certified Node implementation, with its development
// login screens: any password is accepted for the accounts in oidc-env.ts, whose groups go into the
// ID token's `groups` claim as a corporate IdP would put them.
import Provider from "oidc-provider";
import { OIDC_E2E } from "./oidc-env";

const provider = new Provider(OIDC_E2E.issuer, {
  clients: [
    {
      client_id: OIDC_E2E.clientId,
      client_secret: OIDC_E2E.clientSecret,
      redirect_uris: [`${OIDC_E2E.appBaseUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], profile: ["name", "groups"], email: ["email"] },
  // next-auth reads the profile from the ID token: put the scopes' claims there.
  conformIdTokenClaims: false,
  cookies: { keys: ["e2e-only-cookie-key"] },
  pkce: { required: () => true },
  async findAccount(_ctx, sub) {
    const account = OIDC_E2E.accounts[sub];
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, name: account.name, email: sub, groups: account.groups };
      },
    };
  },
});
// The dev login screen accepts any login: only known accounts may finish signing in.
provider.on("server_error", (_ctx, err) => console.error("oidc-provider error", err));
provider.listen(OIDC_E2E.providerPort, "127.0.0.1");
console.log(`OIDC provider for e2e listening on ${OIDC_E2E.issuer}`);
