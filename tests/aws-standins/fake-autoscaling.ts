// EC2 Auto Scaling as the SDK's awsQuery protocol meets it: POST form-encoded
// Action=…&Version=2011-01-01 with `.member.N` lists (Filters.member.1.Values.member.1), XML answers
// <ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…</…> with <member> lists
// and PascalCase members; errors <ErrorResponse><Error><Type>Sender</Type><Code>…</Code>….
import type { IncomingMessage } from "node:http";
import { type FakeAsg, type FakeAwsState, type FakeLaunchTemplateRef, regionOf } from "./fleet-state";
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

const NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

class AsgError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function handleAutoScaling(args: {
  state: FakeAwsState;
  faults: FaultState;
  requests: RecordedRequest[];
  req: IncomingMessage;
  body: string;
}): StandinReply {
  const { Action: action = "", Version: version, ...params } = parseForm(args.body);
  const scope = readCredentialScope(args.req);
  const record: RecordedRequest = {
    service: "autoscaling",
    region: scope?.region ?? "",
    action,
    params,
    attempt: args.req.headers["amz-sdk-request"] as string | undefined,
    outcome: "ok",
  };
  args.requests.push(record);
  try {
    if (!scope || scope.signingName !== "autoscaling")
      throw new AsgError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    if (version !== "2011-01-01") throw new AsgError(400, "InvalidAction", `Unsupported Version ${version}`);
    if (args.faults.denied.has(`autoscaling:${scope.region}`)) {
      record.outcome = "denied";
      throw new AsgError(
        403,
        "AccessDenied",
        `User: arn:aws:iam::123456789012:user/fleet-console is not authorized to perform: autoscaling:${action} because no identity-based policy allows the autoscaling:${action} action`,
      );
    }
    if (takeThrottle(args.faults, "autoscaling", action)) {
      record.outcome = "throttled";
      throw new AsgError(400, "Throttling", "Rate exceeded");
    }
    const asgs = regionOf(args.state, scope.region).asgs;
    const result =
      action === "DescribeAutoScalingGroups"
        ? describeAutoScalingGroups(asgs, params, scope.region, args.state.pageLimit)
        : poolOperation(asgs, action, params);
    return {
      status: 200,
      headers: { "content-type": "text/xml" },
      body: `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${action}Response>`,
    };
  } catch (err) {
    if (!(err instanceof AsgError)) throw err;
    if (record.outcome === "ok") record.outcome = "error";
    return {
      status: err.status,
      headers: { "content-type": "text/xml" },
      body: `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${err.code}</Code><Message>${err.message}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
    };
  }
}

// The calls a launch or drain makes (lib/fleet/providers/aws), acting on the same state the
// inventory reads, so a drain shows in the next sync.
function poolOperation(asgs: FakeAsg[], action: string, params: Record<string, string>): string {
  const group = (name: string | undefined) => {
    const found = asgs.find((a) => a.name === name);
    if (!found) throw new AsgError(400, "ValidationError", `AutoScalingGroup name not found - ${name}`);
    return found;
  };
  switch (action) {
    case "SetDesiredCapacity": {
      const a = group(params.AutoScalingGroupName);
      const desired = Number(params.DesiredCapacity);
      if (!(desired >= a.minSize && desired <= a.maxSize))
        throw new AsgError(
          400,
          "ValidationError",
          `New SetDesiredCapacity value ${desired} is outside the group's bounds`,
        );
      a.desiredCapacity = desired;
      return "";
    }
    case "SetInstanceProtection":
      group(params.AutoScalingGroupName);
      return "";
    case "TerminateInstanceInAutoScalingGroup": {
      const a = asgs.find((g) => g.instances.some((i) => i.id === params.InstanceId));
      const instance = a?.instances.find((i) => i.id === params.InstanceId);
      if (!a || !instance) throw new AsgError(400, "ValidationError", `Instance Id not found - ${params.InstanceId}`);
      a.instances = a.instances.filter((i) => i !== instance);
      if (params.ShouldDecrementDesiredCapacity === "true") a.desiredCapacity -= 1;
      return (
        "<Activity>" +
        leaf("ActivityId", requestId()) +
        leaf("AutoScalingGroupName", a.name) +
        leaf("Description", `Terminating EC2 instance: ${instance.id}`) +
        leaf("Cause", "At 2026-12-05T00:00:00Z instance was taken out of service in response to a user request.") +
        leaf("StartTime", new Date().toISOString()) +
        leaf("StatusCode", "InProgress") +
        leaf("Progress", 0) +
        "</Activity>"
      );
    }
    case "DescribeScalingActivities":
      group(params.AutoScalingGroupName);
      return wrappedList("Activities", "member", []);
  }
  throw new AsgError(400, "InvalidAction", `Could not find operation ${action}`);
}

/** Filters: tag-key, tag-value, tag:<key> (values OR-ed, filters AND-ed), as Auto Scaling documents them. */
function matchesFilters(asg: FakeAsg, filters: { name: string; values: string[] }[]): boolean {
  return filters.every(({ name, values }) => {
    const tags = Object.entries(asg.tags);
    if (name === "tag-key") return tags.some(([k]) => values.includes(k));
    if (name === "tag-value") return tags.some(([, v]) => values.includes(v));
    if (name.startsWith("tag:")) return values.includes(asg.tags[name.slice(4)] ?? "\u0000");
    throw new AsgError(400, "ValidationError", `Filter name ${name} is not supported`);
  });
}

function describeAutoScalingGroups(
  asgs: FakeAsg[],
  params: Record<string, string>,
  region: string,
  pageLimit = Infinity,
): string {
  const names = formList(params, "AutoScalingGroupNames.member");
  const filters: { name: string; values: string[] }[] = [];
  for (let i = 1; params[`Filters.member.${i}.Name`] !== undefined; i++) {
    filters.push({
      name: params[`Filters.member.${i}.Name`]!,
      values: formList(params, `Filters.member.${i}.Values.member`),
    });
  }
  const maxRecords = params.MaxRecords === undefined ? 50 : Number(params.MaxRecords);
  if (!(maxRecords >= 1 && maxRecords <= 100)) {
    throw new AsgError(
      400,
      "ValidationError",
      "1 validation error detected: Value at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  }
  const offset = readPageToken(params.NextToken);
  if (offset === null) throw new AsgError(400, "InvalidNextToken", "The token provided is not valid.");
  const selected = asgs.filter((a) => (!names.length || names.includes(a.name)) && matchesFilters(a, filters));
  const size = Math.min(maxRecords, pageLimit);
  const page = selected.slice(offset, offset + size);
  const next = offset + size < selected.length ? pageToken(offset + size) : undefined;
  return (
    wrappedList(
      "AutoScalingGroups",
      "member",
      page.map((a) => groupXml(a, region)),
    ) + leaf("NextToken", next)
  );
}

const templateSpec = (ref: FakeLaunchTemplateRef) =>
  leaf("LaunchTemplateId", ref.id) + leaf("LaunchTemplateName", ref.name) + leaf("Version", ref.version);

function groupXml(a: FakeAsg, region: string): string {
  return (
    leaf("AutoScalingGroupName", a.name) +
    leaf(
      "AutoScalingGroupARN",
      `arn:aws:autoscaling:${region}:123456789012:autoScalingGroup:uuid:autoScalingGroupName/${a.name}`,
    ) +
    (a.launchTemplate ? `<LaunchTemplate>${templateSpec(a.launchTemplate)}</LaunchTemplate>` : "") +
    (a.mixedInstances
      ? `<MixedInstancesPolicy><LaunchTemplate><LaunchTemplateSpecification>${templateSpec(a.mixedInstances.launchTemplate)}</LaunchTemplateSpecification>` +
        wrappedList(
          "Overrides",
          "member",
          a.mixedInstances.overrideTypes.map((t) => leaf("InstanceType", t)),
        ) +
        `</LaunchTemplate></MixedInstancesPolicy>`
      : "") +
    leaf("MinSize", a.minSize) +
    leaf("MaxSize", a.maxSize) +
    leaf("DesiredCapacity", a.desiredCapacity) +
    leaf("DefaultCooldown", 300) +
    wrappedList(
      "AvailabilityZones",
      "member",
      a.availabilityZones.map((z) => z),
    ) +
    leaf("HealthCheckType", "EC2") +
    leaf("CreatedTime", "2026-01-05T10:00:00.000Z") +
    wrappedList(
      "Instances",
      "member",
      a.instances.map(
        (i) =>
          leaf("InstanceId", i.id) +
          leaf("InstanceType", i.instanceType) +
          leaf("AvailabilityZone", i.availabilityZone) +
          leaf("LifecycleState", i.lifecycleState) +
          leaf("HealthStatus", "Healthy") +
          leaf("ProtectedFromScaleIn", false),
      ),
    ) +
    wrappedList(
      "Tags",
      "member",
      Object.entries(a.tags).map(
        ([k, v]) =>
          leaf("ResourceId", a.name) +
          leaf("ResourceType", "auto-scaling-group") +
          leaf("Key", k) +
          leaf("Value", v) +
          leaf("PropagateAtLaunch", true),
      ),
    )
  );
}
