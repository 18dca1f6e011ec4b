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
  // GroupTotalInstances: the instances in service plus one booting.
  if (m[1] === "b") return 8 + (n % 3);
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

/**
 * A stand-in for AWS/EC2CapacityReservations as GetMetricData serves it: `value` gives a metric's
 * datapoint for a reservation and period, or undefined for none (then the period is left out, as
 * CloudWatch does). Datapoints come in ScanBy order (newest first by default), `periodsPerPage`
 * periods per page, with NextToken and StatusCode PartialData until the last page.
 */
export function fakeReservationMetrics(opts: {
  value: (reservationId: string, metricName: string, tsMs: number) => number | undefined;
  periodsPerPage?: number;
}): (input: GetMetricDataCommandInput) => Pick<GetMetricDataCommandOutput, "MetricDataResults" | "NextToken"> {
  return (input) => {
    const start = new Date(input.StartTime!).getTime();
    const end = new Date(input.EndTime!).getTime();
    const period = input.MetricDataQueries![0]!.MetricStat!.Period! * 1000;
    const periods: number[] = [];
    for (let t = start; t < end; t += period) periods.push(t);
    if (input.ScanBy !== "TimestampAscending") periods.reverse();
    const perPage = opts.periodsPerPage ?? periods.length;
    const page = input.NextToken ? Number(input.NextToken) : 0;
    const shown = periods.slice(page * perPage, (page + 1) * perPage);
    const more = (page + 1) * perPage < periods.length;
    const results: MetricDataResult[] = input.MetricDataQueries!.map((q) => {
      const { Metric } = q.MetricStat!;
      if (Metric!.Namespace !== "AWS/EC2CapacityReservations")
        throw new Error(`unexpected namespace ${Metric!.Namespace}`);
      const id = Metric!.Dimensions!.find((d) => d.Name === "CapacityReservationId")!.Value!;
      const points = shown.flatMap((t) => {
        const v = opts.value(id, Metric!.MetricName!, t);
        return v === undefined ? [] : [{ t, v }];
      });
      return {
        Id: q.Id,
        Label: q.Id,
        Timestamps: points.map((p) => new Date(p.t)),
        Values: points.map((p) => p.v),
        StatusCode: more ? "PartialData" : "Complete",
      };
    });
    return { MetricDataResults: results, ...(more ? { NextToken: String(page + 1) } : {}) };
  };
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
export function fakeCloudWatchHttp(opts: {
  throttle: () => boolean;
  answer?: (input: GetMetricDataCommandInput) => Pick<GetMetricDataCommandOutput, "MetricDataResults" | "NextToken">;
}): {
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
      const out = (opts.answer ?? answerGetMetricData)(body);
      return json(
        200,
        {},
        {
          MetricDataResults: out.MetricDataResults!.map((r) => ({
            ...r,
            Timestamps: r.Timestamps!.map((t) => t.getTime() / 1000),
          })),
          ...("NextToken" in out && out.NextToken ? { NextToken: out.NextToken } : {}),
        },
      );
    },
  };
  return { handler: handler as unknown as HttpHandler, requests };
}
