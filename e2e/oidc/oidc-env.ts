// The single-sign-on end-to-end setup: a real OpenID Connect provider (the `oidc-provider`
// package, e2e/oidc/provider.ts) and a second Fleet Console server configured for it, each on its
// own port and data directory, apart from the demo-mode server in e2e/e2e-env.ts.
export const OIDC_E2E = {
  issuer: "http://127.0.0.1:31420",
  providerPort: 31420,
  clientId: "fleet-console-e2e",
  clientSecret: "e2e-client-secret-not-for-production",
  appPort: 3101,
  appBaseUrl: "http://127.0.0.1:3101",
  pgPort: 31411,
  dataDir: ".data/e2e-oidc",
  databaseUrl: "postgresql://postgres:postgres@127.0.0.1:31411/fleet_console",
  /** People at the identity provider and their groups (the app maps groups to roles). */
  accounts: {
    "ada@example.com": { name: "Ada Admin (SSO)", groups: ["fleet-admins"] },
    "omar@example.com": { name: "Omar Operator (SSO)", groups: ["fleet-operators", "everyone"] },
    "vera@example.com": { name: "Vera Viewer (SSO)", groups: ["fleet-viewers"] },
    "casey@example.com": { name: "Casey Contractor", groups: ["contractors"] },
  } as Record<string, { name: string; groups: string[] }>,
};
