// The three AWS stand-ins (EC2, Auto Scaling, Price List) over one shared account state, and the
// environment that points the real SDK clients at them (AWS_ENDPOINT_URL_<SERVICE> is resolved by
// the SDK from each client's serviceId: "EC2", "Auto Scaling", "Pricing"). For tests, the end-to-end
// run and the benchmark.
import { handleAutoScaling } from "./fake-autoscaling";
import { handleEc2 } from "./fake-ec2";
import { handlePricing } from "./fake-pricing";
import type { FakeAwsState } from "./fleet-state";
import { createFaults, type Faults, type RecordedRequest, startStandinServer } from "./standin-server";

export type { RecordedRequest, Faults } from "./standin-server";
export * from "./fleet-state";

export type AwsStandins = {
  env: {
    AWS_ENDPOINT_URL_EC2: string;
    AWS_ENDPOINT_URL_AUTO_SCALING: string;
    AWS_ENDPOINT_URL_PRICING: string;
    AWS_ACCESS_KEY_ID: string;
    AWS_SECRET_ACCESS_KEY: string;
    AWS_REGION: string;
  };
  /** Every request received, in order, parsed. Clear with `requests.length = 0`. */
  requests: RecordedRequest[];
  faults: Faults;
  /** The account the stand-ins serve; tests may change it between calls. */
  state: FakeAwsState;
  close: () => Promise<void>;
};

export async function startAwsStandins(state: FakeAwsState): Promise<AwsStandins> {
  const requests: RecordedRequest[] = [];
  const { faults, state: faultState } = createFaults();
  const ctx = { state, faults: faultState, requests };
  const [ec2, autoScaling, pricing] = await Promise.all([
    startStandinServer((req, body) => handleEc2({ ...ctx, req, body })),
    startStandinServer((req, body) => handleAutoScaling({ ...ctx, req, body })),
    startStandinServer((req, body) => handlePricing({ ...ctx, req, body })),
  ]);
  return {
    env: {
      AWS_ENDPOINT_URL_EC2: ec2.url,
      AWS_ENDPOINT_URL_AUTO_SCALING: autoScaling.url,
      AWS_ENDPOINT_URL_PRICING: pricing.url,
      AWS_ACCESS_KEY_ID: "AKIDSTANDIN000000000",
      AWS_SECRET_ACCESS_KEY: "standin-secret-access-key",
      AWS_REGION: "us-east-1",
    },
    requests,
    faults,
    state,
    close: async () => {
      await Promise.all([ec2.close(), autoScaling.close(), pricing.close()]);
    },
  };
}
