// Starts a fake account (tests/aws-standins/fake-account.ts) for one test file and points the real
// SDK clients and the AWS inventory source at it through the environment. Each vitest file is its
// own process, and no SDK client exists before beforeAll: each reads its endpoint on first use.
import { afterAll, beforeAll } from "vitest";
import { resetInventoryAwsClients } from "@/lib/inventory/aws/inventory-aws-clients";
import { type FakeAccount, startFakeAccount } from "../aws-standins/fake-account";

export function useFakeAccount(opts: Parameters<typeof startFakeAccount>[0]): { readonly current: FakeAccount } {
  const holder: { current?: FakeAccount } = {};
  const saved: Record<string, string | undefined> = {};
  const set = (key: string, value: string | undefined) => {
    if (!(key in saved)) saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  beforeAll(async () => {
    const account = await startFakeAccount(opts);
    for (const [key, value] of Object.entries(account.env)) set(key, value);
    // Credentials come from the env alone: no profile, session or instance metadata of the host.
    for (const key of ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL"]) set(key, undefined);
    resetInventoryAwsClients();
    holder.current = account;
  });
  afterAll(async () => {
    resetInventoryAwsClients();
    await holder.current?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  return {
    get current() {
      return holder.current!;
    },
  };
}
