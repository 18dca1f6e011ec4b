import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeJsonBody, jsonBodyResponse } from "@/lib/http/json-body";

const value = { pools: Array.from({ length: 50 }, (_, i) => ({ id: `pool-${i}`, utilizationPct: i * 1.5 })) };
const request = (headers: Record<string, string>) => new Request("http://localhost/api/overview", { headers });

describe("json body", () => {
  it("sends the gzipped body to a client that accepts gzip, and it decodes to the value", async () => {
    const res = jsonBodyResponse(request({ "accept-encoding": "gzip, deflate, br" }), encodeJsonBody(value));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString())).toEqual(value);
  });

  it("sends plain JSON to a client that does not", async () => {
    const res = jsonBodyResponse(request({}), encodeJsonBody(value));
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("content-type")).toBe("application/json");
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
});
