import "server-only";

/** EC2 and Auto Scaling tag lists as a plain record (keys are unique per resource). */
export function tagsToRecord(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) record[tag.Key] = tag.Value ?? "";
  return record;
}
