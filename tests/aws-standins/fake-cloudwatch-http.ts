// CloudWatch's GetMetricData on the wire (AWS JSON 1.0, query-compatible: X-Amz-Target
// GraniteServiceVersion20100801.GetMetricData; epoch-second timestamps), for the end-to-end start
// against a fake account. It answers every query with no datapoints, as CloudWatch does for a
// metric nobody publishes: periods without data are omitted, never sent as zeros.
import { readCredentialScope, requestId, startStandinServer, type StandinReply } from "./standin-server";

export type CloudWatchRequest = { target: string; region: string; queries: number; startTime: number; endTime: number };

export async function startFakeCloudWatchHttp() {
  const requests: CloudWatchRequest[] = [];
  const server = await startStandinServer((req, body): StandinReply => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const input = JSON.parse(body || "{}") as {
      StartTime?: number;
      EndTime?: number;
      MetricDataQueries?: { Id: string; Label?: string }[];
    };
    const queries = input.MetricDataQueries ?? [];
    requests.push({
      target,
      region: readCredentialScope(req)?.region ?? "",
      queries: queries.length,
      startTime: input.StartTime ?? 0,
      endTime: input.EndTime ?? 0,
    });
    if (target !== "GraniteServiceVersion20100801.GetMetricData")
      return {
        status: 400,
        headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-query-error": "InvalidAction;Sender" },
        body: JSON.stringify({ __type: "com.amazonaws.cloudwatch#InvalidAction", message: `unsupported ${target}` }),
      };
    return {
      status: 200,
      headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId() },
      body: JSON.stringify({
        MetricDataResults: queries.map((q) => ({
          Id: q.Id,
          Label: q.Label ?? q.Id,
          Timestamps: [],
          Values: [],
          StatusCode: "Complete",
        })),
        Messages: [],
      }),
    };
  });
  return { ...server, requests };
}
