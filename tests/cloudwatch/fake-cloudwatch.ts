// A stand-in for CloudWatch's GetMetricData: a datapoint for every query and period in
// [StartTime, EndTime), with values that encode the query id, so a test can tell from a stored
// row which query filled which field. Used by tests/cloudwatch and bench/cloudwatch.ts.
import type {
  CloudWatchClientConfig,
  GetMetricDataCommandInput,
  GetMetricDataCommandOutput,
  MetricDataResult,
} from "@aws-sdk/client-cloudwatch";

const LIVE_VALUES: Record<string, number> = { util: 55, inservice: 9, r0_used: 4, r0_avail: 12, r0_util: 25 };

/** Value of query `id` for the period starting at tsMs (counters scale with the period). */
export function fakeValue(id: string, tsMs: number, periodSeconds: number): number {
  const live = LIVE_VALUES[id];
  if (live !== undefined) return live;
  const m = /^([a-z])(\d+)(?:_([a-z0-9]+))?$/.exec(id);
  if (!m) throw new Error(`fake CloudWatch: unexpected query id ${id}`);
  const n = Number(m[2]);
  const minutes = periodSeconds / 60;
  if (m[1] === "u") return 20 + (n % 50) + (Math.floor(tsMs / 60_000) % 3);
  if (m[1] === "n") return 7 + (n % 3);
  switch (m[3]) {
    case "p50":
      return 100 + n;
    case "p95":
      return 200 + n;
    case "p99":
      return 300 + n;
    case "req":
      return 60 * n * minutes;
    case "units":
      return 600 * n * minutes;
  }
  throw new Error(`fake CloudWatch: unexpected query id ${id}`);
}

export function answerGetMetricData(
  input: GetMetricDataCommandInput,
): Pick<GetMetricDataCommandOutput, "MetricDataResults" | "$metadata"> {
  const start = new Date(input.StartTime!).getTime();
  const end = new Date(input.EndTime!).getTime();
  const results: MetricDataResult[] = (input.MetricDataQueries ?? []).map((q) => {
    const period = q.MetricStat?.Period ?? q.Period ?? 60;
    const timestamps: Date[] = [];
    for (let t = start; t < end; t += period * 1000) timestamps.push(new Date(t));
    return {
      Id: q.Id,
      Label: q.Id,
      Timestamps: timestamps,
      Values: timestamps.map((t) => fakeValue(q.Id!, t.getTime(), period)),
      StatusCode: "Complete",
    };
  });
  return { MetricDataResults: results, $metadata: {} };
}

type HttpHandler = NonNullable<CloudWatchClientConfig["requestHandler"]>;
export type RecordedHttpRequest = {
  body: GetMetricDataCommandInput;
  attemptHeader: string | undefined;
  throttled: boolean;
};

/**
 * An HTTP handler speaking CloudWatch's awsJson1_0 wire format, below the SDK's retry middleware:
 * answers `throttle` with CloudWatch's throttling error (HTTP 400, Throttling), else data.
 */
export function fakeCloudWatchHttp(opts: { throttle: () => boolean }): {
  handler: HttpHandler;
  requests: RecordedHttpRequest[];
} {
  const requests: RecordedHttpRequest[] = [];
  const json = (statusCode: number, headers: Record<string, string>, body: unknown) => ({
    response: {
      statusCode,
      headers: { "content-type": "application/x-amz-json-1.0", ...headers },
      body: Buffer.from(JSON.stringify(body)),
    },
  });
  const handler = {
    async handle(request: { body?: unknown; headers: Record<string, string> }) {
      const raw =
        typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body as Uint8Array);
      const wire = JSON.parse(raw) as Omit<GetMetricDataCommandInput, "StartTime" | "EndTime"> & {
        StartTime: number;
        EndTime: number;
      };
      const body: GetMetricDataCommandInput = {
        ...wire,
        StartTime: new Date(wire.StartTime * 1000),
        EndTime: new Date(wire.EndTime * 1000),
      };
      const throttled = opts.throttle();
      requests.push({ body, attemptHeader: request.headers["amz-sdk-request"], throttled });
      if (throttled) {
        return json(
          400,
          { "x-amzn-query-error": "Throttling;Sender" },
          { __type: "com.amazonaws.cloudwatch#ThrottlingException", message: "Rate exceeded" },
        );
      }
      const out = answerGetMetricData(body);
      return json(
        200,
        {},
        {
          MetricDataResults: out.MetricDataResults!.map((r) => ({
            ...r,
            Timestamps: r.Timestamps!.map((t) => t.getTime() / 1000),
          })),
        },
      );
    },
  };
  return { handler: handler as unknown as HttpHandler, requests };
}
