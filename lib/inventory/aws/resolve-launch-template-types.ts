import "server-only";
import { DescribeLaunchTemplateVersionsCommand, type LaunchTemplateVersion } from "@aws-sdk/client-ec2";
import { getEc2Client } from "./inventory-aws-clients";
import { mapWithConcurrency } from "./map-with-concurrency";

/** A launch template version as an Auto Scaling group names it (id or name; a number, $Default or $Latest). */
export type LaunchTemplateRef = { id?: string; name?: string; version: string };

// A template deleted (or a version removed) under a group that still names it: that group's type is
// unknown, the other groups of the region are fine.
const MISSING_TEMPLATE_CODES = new Set([
  "InvalidLaunchTemplateId.NotFound",
  "InvalidLaunchTemplateName.NotFoundException",
  "InvalidLaunchTemplateId.VersionNotFound",
]);

export const launchTemplateRefKey = (ref: LaunchTemplateRef) => `${ref.id ?? `name:${ref.name}`}@${ref.version}`;

/**
 * The instance type each referenced template version launches, keyed by launchTemplateRefKey.
 * One DescribeLaunchTemplateVersions per distinct template, naming all its versions in use; a
 * version without an InstanceType (attribute-based selection) has no entry.
 */
export async function resolveLaunchTemplateTypes(args: {
  region: string;
  refs: LaunchTemplateRef[];
}): Promise<Map<string, string>> {
  const byTemplate = new Map<string, { id?: string; name?: string; versions: Set<string> }>();
  for (const ref of args.refs) {
    const key = ref.id ?? `name:${ref.name}`;
    const entry = byTemplate.get(key) ?? { id: ref.id, name: ref.id ? undefined : ref.name, versions: new Set() };
    entry.versions.add(ref.version);
    byTemplate.set(key, entry);
  }
  const client = getEc2Client(args.region);
  const types = new Map<string, string>();
  await mapWithConcurrency([...byTemplate.values()], 4, async (template) => {
    const versions = [...template.versions].sort();
    let found: LaunchTemplateVersion[];
    try {
      const out = await client.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: template.id,
          LaunchTemplateName: template.name,
          Versions: versions,
        }),
      );
      found = out.LaunchTemplateVersions ?? [];
    } catch (err) {
      if (err instanceof Error && MISSING_TEMPLATE_CODES.has(err.name)) return;
      throw err;
    }
    const latest = Math.max(...found.map((v) => v.VersionNumber ?? 0));
    for (const version of versions) {
      const match = found.find((v) =>
        version === "$Default"
          ? v.DefaultVersion
          : version === "$Latest"
            ? v.VersionNumber === latest
            : String(v.VersionNumber) === version,
      );
      const instanceType = match?.LaunchTemplateData?.InstanceType;
      if (instanceType)
        types.set(launchTemplateRefKey({ id: template.id, name: template.name, version }), instanceType);
    }
  });
  return types;
}
