// Next.js calls register() once per server process: start the background jobs there, so a plain
// `next start` (e.g. in a Kubernetes pod) is complete without the local start script.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startBackgroundJobs } = await import("./lib/worker/start-background-jobs");
    startBackgroundJobs();
  }
}
