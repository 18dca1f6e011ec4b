// Starts a small fake account (fake-account.ts) for another process to sync against, e.g. the real
// server in an end-to-end test: prints its env as one JSON line on stdout, then serves until
// SIGTERM or SIGINT. Size from FAKE_ACCOUNT_SHAPE ('{"pools":12,"regions":2,"clusters":2}').
//   npx tsx tests/aws-standins/run-fake-account.ts
import { startFakeAccount } from "./fake-account";

const DEFAULT_SHAPE = { pools: 12, regions: 2, clusters: 2, pageLimit: 3 };

async function main() {
  const shape = { ...DEFAULT_SHAPE, ...JSON.parse(process.env.FAKE_ACCOUNT_SHAPE ?? "{}") };
  const account = await startFakeAccount(shape);
  process.stdout.write(`${JSON.stringify(account.env)}\n`);
  const stop = async () => {
    await account.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((err) => {
  console.error("run-fake-account:", err);
  process.exit(1);
});
