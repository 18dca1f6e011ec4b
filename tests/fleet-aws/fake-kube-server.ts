// An HTTP-level fake of the Kubernetes API server: it records every request and answers from a
// route function the test supplies, so tests check the exact requests the provider sends.
// With `tls: true` it serves HTTPS with a throwaway self-signed certificate for 127.0.0.1, so a
// KubeConfig built the production way (CA data, TLS verification on) can reach it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
};

export type FakeResponse = { status: number; body?: unknown };
export type FakeRoute = (request: RecordedRequest) => FakeResponse;

export type FakeKube = {
  url: string;
  requests: RecordedRequest[];
  kubeConfig: KubeConfig;
  /** With tls: base64 PEM of the certificate to trust, as EKS DescribeCluster returns it. */
  caData: string | undefined;
  close: () => Promise<void>;
};

export async function startFakeKube(route: FakeRoute, opts: { tls?: boolean } = {}): Promise<FakeKube> {
  const requests: RecordedRequest[] = [];
  const tls = opts.tls ? selfSignedCertificate() : undefined;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const recorded = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const answer = route(recorded);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  };
  const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `${tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const caData = tls ? Buffer.from(tls.cert).toString("base64") : undefined;
  return {
    url,
    requests,
    kubeConfig: caData ? kubeConfigWithCa(url, caData, "test-token") : kubeConfigFor(url, "test-token"),
    caData,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function kubeConfigFor(server: string, token: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    // client-node refuses plain http unless TLS verification is explicitly off.
    clusters: [{ name: "fake", server, skipTLSVerify: true }],
    users: [{ name: "tester", token }],
    contexts: [{ name: "fake", cluster: "fake", user: "tester" }],
    currentContext: "fake",
  });
  return kubeConfig;
}

function kubeConfigWithCa(server: string, caData: string, token: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: "fake", server, caData, skipTLSVerify: false }],
    users: [{ name: "tester", token }],
    contexts: [{ name: "fake", cluster: "fake", user: "tester" }],
    currentContext: "fake",
  });
  return kubeConfig;
}

let certificate: { key: string; cert: string } | undefined;

/** One throwaway self-signed certificate per test process (openssl; a second or so to make). */
function selfSignedCertificate(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = mkdtempSync(path.join(tmpdir(), "fake-kube-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
        ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-days", "2"],
        ...["-subj", "/CN=fake-kube", "-addext", "subjectAltName=IP:127.0.0.1"],
      ],
      { stdio: "ignore" },
    );
    certificate = {
      key: readFileSync(path.join(dir, "key.pem"), "utf8"),
      cert: readFileSync(path.join(dir, "cert.pem"), "utf8"),
    };
    return certificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Kubernetes Status object, as the API server sends with errors. */
export function kubeStatus(code: number, reason: string, message: string, details?: unknown) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    code,
    ...(details ? { details } : {}),
  };
}

export const notFound = (what: string): FakeResponse => ({
  status: 404,
  body: kubeStatus(404, "NotFound", `${what} not found`),
});

/**
 * One page of a list the way the API server pages it: `limit` items from the position the
 * `continue` token names, and metadata.continue while more remain.
 */
export function listPage<T>(kind: string, items: T[], query: URLSearchParams): FakeResponse {
  const limit = Number(query.get("limit") ?? 0) || items.length;
  const token = query.get("continue");
  const offset = token
    ? Number(
        Buffer.from(token, "base64url")
          .toString("utf8")
          .replace(/^offset:/, ""),
      )
    : 0;
  if (!Number.isInteger(offset) || offset < 0)
    return { status: 400, body: kubeStatus(400, "BadRequest", "continue key is not valid") };
  const next = offset + limit;
  return {
    status: 200,
    body: {
      kind,
      apiVersion: "v1",
      metadata: {
        resourceVersion: "1000",
        ...(next < items.length ? { continue: Buffer.from(`offset:${next}`).toString("base64url") } : {}),
      },
      items: items.slice(offset, next),
    },
  };
}
