// EC2 as the SDK's ec2Query protocol meets it: POST form-encoded Action=…&Version=2016-11-15, flat
// lists (InstanceType.1, LaunchTemplateVersion.1), XML answers in the EC2 namespace whose root is
// <ActionResponse> with lower-camel members and <item> lists; errors as
// <Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…</RequestID></Response>.
import type { IncomingMessage } from "node:http";
import { type FakeAwsState, type FakeInstanceType, type FakeReservation, regionOf } from "./fleet-state";
import {
  type FaultState,
  formList,
  leaf,
  pageToken,
  parseForm,
  readCredentialScope,
  readPageToken,
  type RecordedRequest,
  requestId,
  type StandinReply,
  takeThrottle,
  wrappedList,
} from "./standin-server";

const NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

class Ec2Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function handleEc2(args: {
  state: FakeAwsState;
  faults: FaultState;
  requests: RecordedRequest[];
  req: IncomingMessage;
  body: string;
}): StandinReply {
  const { Action: action = "", Version: version, ...params } = parseForm(args.body);
  const scope = readCredentialScope(args.req);
  const record: RecordedRequest = {
    service: "ec2",
    region: scope?.region ?? "",
    action,
    params,
    attempt: args.req.headers["amz-sdk-request"] as string | undefined,
    outcome: "ok",
  };
  args.requests.push(record);
  try {
    if (!scope || scope.signingName !== "ec2")
      throw new Ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    if (version !== "2016-11-15") throw new Ec2Error(400, "InvalidParameterValue", `Unsupported Version ${version}`);
    if (args.faults.denied.has(`ec2:${scope.region}`)) {
      record.outcome = "denied";
      throw new Ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
    }
    if (takeThrottle(args.faults, "ec2", action)) {
      record.outcome = "throttled";
      throw new Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.");
    }
    const region = regionOf(args.state, scope.region);
    const inner =
      action === "DescribeInstanceTypes"
        ? describeInstanceTypes(region.instanceTypes, params, args.state.pageLimit)
        : action === "DescribeCapacityReservations"
          ? describeCapacityReservations(region.reservations, params, args.state.pageLimit)
          : action === "DescribeLaunchTemplateVersions"
            ? describeLaunchTemplateVersions(region.launchTemplates, params)
            : null;
    if (inner === null)
      throw new Ec2Error(400, "InvalidAction", `The action ${action} is not valid for this web service.`);
    return {
      status: 200,
      headers: { "content-type": "text/xml;charset=UTF-8" },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NAMESPACE}"><requestId>${requestId()}</requestId>${inner}</${action}Response>`,
    };
  } catch (err) {
    if (!(err instanceof Ec2Error)) throw err;
    if (record.outcome === "ok") record.outcome = "error";
    return {
      status: err.status,
      headers: { "content-type": "text/xml;charset=UTF-8" },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${err.code}</Code><Message>${err.message}</Message></Error></Errors><RequestID>${requestId()}</RequestID></Response>`,
    };
  }
}

/** MaxResults within [min, max] (EC2 refuses others), default: everything; at most `pageLimit` items. */
function pageOf<T>(
  items: T[],
  params: Record<string, string>,
  bounds: { min: number; max: number; pageLimit?: number },
): { page: T[]; next?: string } {
  const { min, max } = bounds;
  const asked = params.MaxResults === undefined ? items.length : Number(params.MaxResults);
  if (params.MaxResults !== undefined && !(asked >= min && asked <= max)) {
    throw new Ec2Error(400, "InvalidParameterValue", `MaxResults must be between ${min} and ${max}`);
  }
  const maxResults = Math.min(asked, bounds.pageLimit ?? Infinity);
  const offset = readPageToken(params.NextToken);
  if (offset === null)
    throw new Ec2Error(400, "InvalidPaginationToken", `Invalid pagination token ${params.NextToken}`);
  const page = items.slice(offset, offset + maxResults);
  return { page, next: offset + maxResults < items.length ? pageToken(offset + maxResults) : undefined };
}

function describeInstanceTypes(types: FakeInstanceType[], params: Record<string, string>, pageLimit?: number): string {
  const names = formList(params, "InstanceType");
  if (names.length > 100) throw new Ec2Error(400, "InvalidParameterValue", "You can specify up to 100 instance types");
  const unknown = names.filter((n) => !types.some((t) => t.instanceType === n));
  if (unknown.length) {
    throw new Ec2Error(
      400,
      "InvalidInstanceType",
      `The following supplied instance types do not exist: [${unknown.join(", ")}]`,
    );
  }
  const selected = names.length ? types.filter((t) => names.includes(t.instanceType)) : types;
  const { page, next } = pageOf(selected, params, { min: 5, max: 100, pageLimit });
  const items = page.map(
    (t) =>
      leaf("instanceType", t.instanceType) +
      leaf("currentGeneration", true) +
      `<processorInfo>${wrappedList(
        "supportedArchitectures",
        "item",
        t.architectures.map((a) => a),
      )}</processorInfo>` +
      `<vCpuInfo>${leaf("defaultVCpus", t.vcpus)}</vCpuInfo>` +
      `<memoryInfo>${leaf("sizeInMiB", t.memoryMib)}</memoryInfo>` +
      (t.neuron
        ? `<neuronInfo>${wrappedList("neuronDevices", "item", [
            leaf("count", t.neuron.count) +
              leaf("name", t.neuron.name) +
              `<coreInfo>${leaf("count", t.neuron.coresPerDevice)}${leaf("version", t.neuron.coreVersion)}</coreInfo>` +
              `<memoryInfo>${leaf("sizeInMiB", t.neuron.memoryMib)}</memoryInfo>`,
          ])}${leaf("totalNeuronDeviceMemoryInMiB", t.neuron.count * t.neuron.memoryMib)}</neuronInfo>`
        : ""),
  );
  return wrappedList("instanceTypeSet", "item", items) + leaf("nextToken", next);
}

function describeCapacityReservations(
  reservations: FakeReservation[],
  params: Record<string, string>,
  pageLimit?: number,
): string {
  const ids = formList(params, "CapacityReservationId");
  const selected = ids.length ? reservations.filter((r) => ids.includes(r.id)) : reservations;
  const { page, next } = pageOf(selected, params, { min: 1, max: 1000, pageLimit });
  const items = page.map(
    (r) =>
      leaf("capacityReservationId", r.id) +
      leaf("ownerId", "123456789012") +
      leaf("capacityReservationArn", `arn:aws:ec2:region:123456789012:capacity-reservation/${r.id}`) +
      leaf("instanceType", r.instanceType) +
      leaf("instancePlatform", "Linux/UNIX") +
      leaf("availabilityZone", r.availabilityZone) +
      leaf("tenancy", r.tenancy ?? "default") +
      leaf("totalInstanceCount", r.totalInstanceCount) +
      leaf("availableInstanceCount", r.availableInstanceCount) +
      leaf("ebsOptimized", true) +
      leaf("ephemeralStorage", false) +
      leaf("state", r.state) +
      leaf("startDate", r.startDate) +
      leaf("endDate", r.endDate) +
      leaf("endDateType", r.endDateType) +
      leaf("instanceMatchCriteria", r.instanceMatchCriteria) +
      leaf("createDate", r.startDate) +
      wrappedList(
        "tagSet",
        "item",
        Object.entries(r.tags).map(([k, v]) => leaf("key", k) + leaf("value", v)),
      ) +
      leaf("reservationType", r.reservationType),
  );
  return leaf("nextToken", next) + wrappedList("capacityReservationSet", "item", items);
}

function describeLaunchTemplateVersions(
  templates: FakeAwsState["regions"][string]["launchTemplates"],
  params: Record<string, string>,
): string {
  const template = params.LaunchTemplateId
    ? templates.find((t) => t.id === params.LaunchTemplateId)
    : templates.find((t) => t.name === params.LaunchTemplateName);
  if (!template) {
    throw params.LaunchTemplateId
      ? new Ec2Error(
          400,
          "InvalidLaunchTemplateId.NotFound",
          `The specified launch template, with template ID ${params.LaunchTemplateId}, does not exist.`,
        )
      : new Ec2Error(
          400,
          "InvalidLaunchTemplateName.NotFoundException",
          `The specified launch template, with template name ${params.LaunchTemplateName}, does not exist.`,
        );
  }
  const latest = Math.max(...template.versions.map((v) => v.versionNumber));
  const wanted = formList(params, "LaunchTemplateVersion").map((v) =>
    v === "$Default" ? template.defaultVersion : v === "$Latest" ? latest : Number(v),
  );
  const versions = wanted.length
    ? template.versions.filter((v) => wanted.includes(v.versionNumber))
    : template.versions;
  if (wanted.some((n) => !template.versions.some((v) => v.versionNumber === n))) {
    throw new Ec2Error(
      400,
      "InvalidLaunchTemplateId.VersionNotFound",
      `Could not find launch template version for ${template.id}.`,
    );
  }
  const items = versions.map(
    (v) =>
      leaf("launchTemplateId", template.id) +
      leaf("launchTemplateName", template.name) +
      leaf("versionNumber", v.versionNumber) +
      leaf("defaultVersion", v.versionNumber === template.defaultVersion) +
      `<launchTemplateData>${leaf("instanceType", v.instanceType)}</launchTemplateData>`,
  );
  return wrappedList("launchTemplateVersionSet", "item", items);
}
