import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/e2e-env";
import { OIDC_E2E } from "./e2e/oidc/oidc-env";

// End-to-end tests drive the real production start (scripts/start.ts: embedded PostgreSQL,
// migrations, seed, backfill, next build, the standalone server) in Debian's Chromium. Nothing is
// downloaded.
export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E.baseUrl,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      // A fresh data directory per run: the first start seeds and backfills, like a newcomer's.
      command: `rm -rf ${E2E.dataDir} && npx tsx --conditions=react-server scripts/start.ts`,
      url: `${E2E.baseUrl}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(E2E.port),
        FLEET_DATA_DIR: E2E.dataDir,
        EMBEDDED_PG_PORT: String(E2E.pgPort),
        TELEMETRY_BACKFILL_DAYS: "3",
        // Faster simulated operations so a drain finishes within a spec (PDB refusals still happen).
        SIM_BOOT_SECONDS: "5",
        SIM_PDB_BLOCK_SECONDS: "3",
        NEXT_TELEMETRY_DISABLED: "1",
        // Every spec signs in from 127.0.0.1: more than a person's 30 a minute.
        ANONYMOUS_RATE_LIMIT_PER_MINUTE: "1000",
      },
    },
    // Single sign-on (e2e/oidc-sign-in.spec.ts): a real OpenID Connect provider, then a second
    // server configured for it. No background jobs there: its specs are about signing in.
    {
      command: "npx tsx e2e/oidc/provider.ts",
      url: `${OIDC_E2E.issuer}/.well-known/openid-configuration`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `rm -rf ${OIDC_E2E.dataDir} && npx tsx --conditions=react-server scripts/start.ts`,
      url: `${OIDC_E2E.appBaseUrl}/api/health/live`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(OIDC_E2E.appPort),
        FLEET_DATA_DIR: OIDC_E2E.dataDir,
        EMBEDDED_PG_PORT: String(OIDC_E2E.pgPort),
        TELEMETRY_BACKFILL_DAYS: "1",
        BACKGROUND_JOBS: "false",
        OIDC_ISSUER: OIDC_E2E.issuer,
        OIDC_CLIENT_ID: OIDC_E2E.clientId,
        OIDC_CLIENT_SECRET: OIDC_E2E.clientSecret,
        AUTH_SECRET: "e2e-oidc-auth-secret-0123456789abcdef0123456789",
        NEXTAUTH_URL: OIDC_E2E.appBaseUrl,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
