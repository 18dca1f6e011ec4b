// Next.js calls register() once per server process: start the background jobs and the overview
// warmer there, so the plain standalone server (`node server.js`, e.g. in a Kubernetes pod) is
// complete without the local start script.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Fail at start-up, not on the first request, when sign-in is misconfigured (e.g. demo mode
    // on a production server without AUTH_DEMO_MODE=true).
    const { getAuthConfig } = await import("./lib/auth/auth-config");
    getAuthConfig();
    // And when the fleet config file is missing or malformed (the message names file, line, field).
    const { checkInventoryConfig } = await import("./lib/inventory/check-inventory-config");
    await checkInventoryConfig();
    const { startBackgroundJobs } = await import("./lib/background-jobs/start-background-jobs");
    startBackgroundJobs();
    const { startOverviewWarmer } = await import("./lib/overview/warm-default-overview");
    startOverviewWarmer();
  }
}
