import { describe, expect, it } from "vitest";
import { encodeJsonBody, jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";

const value = { pools: Array.from({ length: 50 }, (_, i) => ({ id: `pool-${i}`, utilizationPct: i * 1.5 })) };
const request = (headers: Record<string, string>) => new Request("http://localhost/api/overview", { headers });

describe("json body", () => {
  it("sends the value as JSON with its ETag", async () => {
    const body = encodeJsonBody(value);
    const res = jsonBodyResponse(request({}), body);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("etag")).toBe(body.etag);
    expect(await res.json()).toEqual(value);
  });

  it("answers 304 without a body to a client that has the same version, and 200 to one with another", async () => {
    const body = encodeJsonBody(value);
    const notModified = jsonBodyResponse(request({ "if-none-match": body.etag }), body);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    const changed = encodeJsonBody({ ...value, extra: 1 });
    expect(changed.etag).not.toBe(body.etag);
    expect(jsonBodyResponse(request({ "if-none-match": body.etag }), changed).status).toBe(200);
  });

  it("serializes a shared value once, and each distinct value on its own", async () => {
    const first = sharedJsonBody(value);
    expect(sharedJsonBody(value)).toBe(first);
    expect(JSON.parse(first.json.toString())).toEqual(value);
    const copy = structuredClone(value);
    const other = sharedJsonBody(copy);
    expect(other).not.toBe(first);
    expect(other.etag).toBe(first.etag); // equal content, equal ETag
  });
});
