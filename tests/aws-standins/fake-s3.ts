// An S3 stand-in at the wire level (REST-XML, path-style addressing: /<bucket>/<key>) for the
// billing export: ListObjectsV2 (list-type=2, prefix, continuation-token; a small page size so
// pagination is exercised) and GetObject. Every request is logged as the SDK sent it.
import type { IncomingMessage } from "node:http";
import { escapeXml, readCredentialScope, startStandinServer, type StandinReply } from "./standin-server";

export type FakeS3Object = { body: Uint8Array; etag: string };

export type FakeS3State = {
  /** bucket → key → object */
  buckets: Record<string, Map<string, FakeS3Object>>;
  /** Keys per ListObjectsV2 page (S3's MaxKeys default is 1000). */
  pageSize: number;
};

export type S3Request = {
  method: string;
  bucket: string;
  key: string | null;
  /** The query string's parameters, except the SDK's x-id marker. */
  query: Record<string, string>;
  region: string | null;
};

const xml = (status: number, body: string): StandinReply => ({
  status,
  headers: { "content-type": "application/xml", "x-amz-request-id": "STANDIN" },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
});

const noSuch = (code: string, message: string) =>
  xml(404, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`);

export function handleS3(args: { state: FakeS3State; requests: S3Request[]; req: IncomingMessage }): StandinReply {
  const { state, requests, req } = args;
  const url = new URL(req.url ?? "/", "http://standin");
  const [, bucket = "", ...rest] = url.pathname.split("/");
  const key = rest.length > 0 && rest.join("/") !== "" ? decodeURIComponent(rest.join("/")) : null;
  const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== "x-id"));
  requests.push({
    method: req.method ?? "",
    bucket,
    key,
    query,
    region: readCredentialScope(req)?.region ?? null,
  });
  const objects = state.buckets[bucket];
  if (!objects) return noSuch("NoSuchBucket", `The specified bucket does not exist: ${bucket}`);
  if (req.method === "GET" && key === null && query["list-type"] === "2") {
    const prefix = query.prefix ?? "";
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    const start = query["continuation-token"] ? Number(Buffer.from(query["continuation-token"], "base64url")) : 0;
    const page = keys.slice(start, start + state.pageSize);
    const next =
      start + state.pageSize < keys.length ? Buffer.from(String(start + state.pageSize)).toString("base64url") : null;
    const contents = page
      .map((k) => {
        const o = objects.get(k)!;
        return `<Contents><Key>${escapeXml(k)}</Key><ETag>${escapeXml(o.etag)}</ETag><Size>${o.body.byteLength}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join("");
    return xml(
      200,
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name>` +
        `<Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${state.pageSize}</MaxKeys>` +
        `<IsTruncated>${next !== null}</IsTruncated>${contents}` +
        (query["continuation-token"]
          ? `<ContinuationToken>${escapeXml(query["continuation-token"])}</ContinuationToken>`
          : "") +
        (next !== null ? `<NextContinuationToken>${next}</NextContinuationToken>` : "") +
        `</ListBucketResult>`,
    );
  }
  if (req.method === "GET" && key !== null) {
    const o = objects.get(key);
    if (!o) return noSuch("NoSuchKey", "The specified key does not exist.");
    return {
      status: 200,
      headers: { "content-type": "application/octet-stream", etag: o.etag, "x-amz-request-id": "STANDIN" },
      body: o.body,
    };
  }
  return xml(
    400,
    `<Error><Code>NotImplemented</Code><Message>stand-in: ${req.method} ${url.pathname}</Message></Error>`,
  );
}

export async function startFakeS3(state: FakeS3State) {
  const requests: S3Request[] = [];
  const server = await startStandinServer((req) => handleS3({ state, requests, req }));
  return { url: server.url, requests, state, close: server.close };
}
