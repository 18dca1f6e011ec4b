import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React Server Components; tests are server code.
      "server-only": path.resolve(__dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts"],
    globalSetup: ["tests/setup/global-postgres.ts"],
    pool: "forks",
    testTimeout: 60_000,
    // Test files send hundreds of session-less requests from one address; the per-address limit's
    // own test (tests/security/anonymous-limit.test.ts) sets it low.
    env: { ANONYMOUS_RATE_LIMIT_PER_MINUTE: "100000" },
    hookTimeout: 120_000,
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
