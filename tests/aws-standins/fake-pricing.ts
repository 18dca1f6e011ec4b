// The Price List API as the SDK's awsJson1_1 protocol meets it: POST / with
// X-Amz-Target: AWSPriceListService.<Action> and a JSON body; answers application/x-amz-json-1.1;
// errors {"__type": "<Code>", "Message": …} with the status the service model gives the error
// (ThrottlingException 429, AccessDeniedException 401). Each product is a JSON *string*.
import type { IncomingMessage } from "node:http";
import type { FakeAwsState, FakePriceProduct } from "./fleet-state";
import {
  type FaultState,
  pageToken,
  readCredentialScope,
  readPageToken,
  type RecordedRequest,
  requestId,
  type StandinReply,
  takeThrottle,
} from "./standin-server";

const TARGET_PREFIX = "AWSPriceListService.";
type Filter = { Type?: string; Field?: string; Value?: string };

const reply = (status: number, body: unknown): StandinReply => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId() },
  body: JSON.stringify(body),
});
const error = (status: number, type: string, message: string) => reply(status, { __type: type, Message: message });

export function handlePricing(args: {
  state: FakeAwsState;
  faults: FaultState;
  requests: RecordedRequest[];
  req: IncomingMessage;
  body: string;
}): StandinReply {
  const target = String(args.req.headers["x-amz-target"] ?? "");
  const action = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const scope = readCredentialScope(args.req);
  let params: Record<string, unknown>;
  try {
    params = JSON.parse(args.body || "{}") as Record<string, unknown>;
  } catch {
    return error(400, "SerializationException", "Malformed JSON");
  }
  const record: RecordedRequest = {
    service: "pricing",
    region: scope?.region ?? "",
    action,
    params,
    attempt: args.req.headers["amz-sdk-request"] as string | undefined,
    outcome: "ok",
  };
  args.requests.push(record);
  const fail = (outcome: RecordedRequest["outcome"], status: number, type: string, message: string) => {
    record.outcome = outcome;
    return error(status, type, message);
  };
  if (!scope || scope.signingName !== "pricing")
    return fail("error", 403, "UnrecognizedClientException", "The security token included in the request is invalid.");
  if (args.req.headers["content-type"] !== "application/x-amz-json-1.1")
    return fail("error", 400, "SerializationException", "Expected application/x-amz-json-1.1");
  if (args.faults.denied.has(`pricing:${scope.region}`)) {
    return fail("denied", 401, "AccessDeniedException", `User is not authorized to perform: pricing:${action}`);
  }
  if (takeThrottle(args.faults, "pricing", action))
    return fail("throttled", 429, "ThrottlingException", "Rate exceeded");
  if (action !== "GetProducts") return fail("error", 400, "UnknownOperationException", `Unknown operation ${target}`);

  if (params.ServiceCode !== "AmazonEC2") return reply(200, { FormatVersion: "aws_v1", PriceList: [] });
  const filters = (params.Filters ?? []) as Filter[];
  if (filters.some((f) => f.Type !== "TERM_MATCH"))
    return fail("error", 400, "InvalidParameterException", "Filter Type must be TERM_MATCH");
  const maxResults = params.MaxResults === undefined ? 100 : Number(params.MaxResults);
  if (!(maxResults >= 1 && maxResults <= 100))
    return fail("error", 400, "InvalidParameterException", "MaxResults must be 1..100");
  const offset = readPageToken(params.NextToken as string | undefined);
  if (offset === null) return fail("error", 400, "InvalidNextTokenException", "The token is invalid");

  const matching = args.state.priceList.filter((p) =>
    filters.every((f) => String((p as Record<string, unknown>)[f.Field ?? ""] ?? "") === f.Value),
  );
  const size = Math.min(maxResults, args.state.pageLimit ?? Infinity);
  const page = matching.slice(offset, offset + size);
  const next = offset + size < matching.length ? pageToken(offset + size) : undefined;
  return reply(200, {
    FormatVersion: "aws_v1",
    PriceList: page.map(priceListEntry),
    ...(next ? { NextToken: next } : {}),
  });
}

/** A product as the Price List API renders it (aws_v1), serialized to a string. */
function priceListEntry(p: FakePriceProduct): string {
  const offerTerm = "JRTCKXETXF";
  const onDemand =
    p.usdPerHour === null
      ? {}
      : {
          [`${p.sku}.${offerTerm}`]: {
            offerTermCode: offerTerm,
            sku: p.sku,
            effectiveDate: "2026-11-01T00:00:00Z",
            priceDimensions: {
              [`${p.sku}.${offerTerm}.6YS6EN2CT7`]: {
                unit: "Hrs",
                endRange: "Inf",
                description: `$${p.usdPerHour} per On Demand Linux ${p.instanceType} Instance Hour`,
                appliesTo: [],
                rateCode: `${p.sku}.${offerTerm}.6YS6EN2CT7`,
                beginRange: "0",
                pricePerUnit: { USD: p.usdPerHour },
              },
            },
            termAttributes: {},
          },
        };
  return JSON.stringify({
    product: {
      productFamily: "Compute Instance",
      attributes: {
        instanceType: p.instanceType,
        regionCode: p.regionCode,
        operatingSystem: p.operatingSystem,
        tenancy: p.tenancy,
        preInstalledSw: p.preInstalledSw,
        capacitystatus: p.capacitystatus,
        servicecode: "AmazonEC2",
      },
      sku: p.sku,
    },
    serviceCode: "AmazonEC2",
    terms: { OnDemand: onDemand },
    version: "20261101000000",
    publicationDate: "2026-11-01T00:00:00Z",
  });
}
