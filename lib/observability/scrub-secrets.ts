// Removes credentials that end up inside free text: connection strings in driver errors
// ("postgresql://fleet:s3cret@db…") and libpq key/value settings ("password=s3cret").
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;
const KEY_VALUE_PASSWORD = /\b(password=)[^\s&;]+/gi;

export function scrubSecrets(text: string): string {
  return text.replace(URL_CREDENTIALS, "$1[redacted]@").replace(KEY_VALUE_PASSWORD, "$1[redacted]");
}

/** scrubSecrets over the strings of plain objects and arrays (errors have their own serializer). */
export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth > 5 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}
