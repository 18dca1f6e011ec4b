// What the three AWS stand-ins share: an HTTP server on a free port, the region and service read
// from the SigV4 credential scope (as AWS routes a request), a log of every request parsed, and
// fault injection (throttle the next N calls of an action; deny a whole region).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type StandinService = "ec2" | "autoscaling" | "pricing";

export type RecordedRequest = {
  service: StandinService;
  region: string;
  action: string;
  /** Form fields without Action and Version (query protocols), or the JSON body (Price List). */
  params: Record<string, unknown>;
  /** The SDK's amz-sdk-request header, e.g. "attempt=2; max=3". */
  attempt: string | undefined;
  outcome: "ok" | "throttled" | "denied" | "error";
};

export type Faults = {
  /** Answer the next `count` calls of `action` (in any region) with the service's throttling error. */
  throttleNext(service: StandinService, action: string, count: number): void;
  /** Refuse every call to `service` in `region` as access denied (all services when omitted). */
  denyRegion(region: string, service?: StandinService): void;
  clear(): void;
};

/** body: text, or bytes for a binary object (the S3 stand-in's GetObject). */
export type StandinReply = { status: number; headers: Record<string, string>; body: string | Uint8Array };

export type FaultState = {
  throttles: Map<string, number>;
  denied: Set<string>;
};

export function createFaults(): { faults: Faults; state: FaultState } {
  const state: FaultState = { throttles: new Map(), denied: new Set() };
  const faults: Faults = {
    throttleNext: (service, action, count) => state.throttles.set(`${service}:${action}`, count),
    denyRegion: (region, service) => {
      for (const s of service ? [service] : (["ec2", "autoscaling", "pricing"] as const))
        state.denied.add(`${s}:${region}`);
    },
    clear: () => {
      state.throttles.clear();
      state.denied.clear();
    },
  };
  return { faults, state };
}

/** Consumes one throttle of the action, if any is pending. */
export function takeThrottle(state: FaultState, service: StandinService, action: string): boolean {
  const key = `${service}:${action}`;
  const left = state.throttles.get(key) ?? 0;
  if (left <= 0) return false;
  state.throttles.set(key, left - 1);
  return true;
}

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** Region and signing name from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/<region>/<service>/aws4_request, …`. */
export function readCredentialScope(req: IncomingMessage): { region: string; signingName: string } | null {
  const m = SCOPE.exec(req.headers.authorization ?? "");
  return m ? { region: m[1]!, signingName: m[2]! } : null;
}

export const requestId = () => randomUUID();

export async function startStandinServer(
  handle: (req: IncomingMessage, body: string) => StandinReply | Promise<StandinReply>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const reply = await handle(req, Buffer.concat(chunks).toString("utf8"));
        res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
        res.end(reply.body);
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`stand-in failure: ${String(err)}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Form-encoded body as a flat record (query protocols send each list item as its own key). */
export function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** The values of `<prefix>.1`, `<prefix>.2`, … in order. */
export function formList(params: Record<string, string>, prefix: string): string[] {
  const values: string[] = [];
  for (let i = 1; params[`${prefix}.${i}`] !== undefined; i++) values.push(params[`${prefix}.${i}`]!);
  return values;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** `<name>value</name>`, or nothing when the value is absent. */
export function leaf(name: string, value: string | number | boolean | Date | null | undefined): string {
  if (value === undefined || value === null) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** A wrapped list: `<name><item>…</item>…</name>` (EC2 uses "item", Auto Scaling "member"). */
export function wrappedList(name: string, itemTag: "item" | "member", items: string[]): string {
  return `<${name}>${items.map((i) => `<${itemTag}>${i}</${itemTag}>`).join("")}</${name}>`;
}

/** Pagination tokens: opaque to the client, an offset here. */
export const pageToken = (offset: number) => `page-${Buffer.from(String(offset)).toString("base64url")}`;
export function readPageToken(token: string | undefined): number | null {
  if (token === undefined) return 0;
  const m = /^page-([A-Za-z0-9_-]+)$/.exec(token);
  const offset = m ? Number(Buffer.from(m[1]!, "base64url").toString()) : NaN;
  return Number.isInteger(offset) && offset >= 0 ? offset : null;
}
