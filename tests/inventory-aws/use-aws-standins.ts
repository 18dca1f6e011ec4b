// Starts the AWS stand-ins for one test file and points the real SDK clients at them through the
// SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, with fake credentials. Set before any inventory
// client exists (a client resolves its endpoint on first use); each vitest file is its own process.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetInventoryAwsClients } from "@/lib/inventory/aws/inventory-aws-clients";
import { type AwsStandins, type FakeAwsState, startAwsStandins } from "../aws-standins";

export function useAwsStandins(state: FakeAwsState): { readonly current: AwsStandins } {
  const holder: { current?: AwsStandins } = {};
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    const standins = await startAwsStandins(state);
    for (const [key, value] of Object.entries(standins.env)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    resetInventoryAwsClients();
    holder.current = standins;
  });
  beforeEach(() => {
    holder.current!.requests.length = 0;
    holder.current!.faults.clear();
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
