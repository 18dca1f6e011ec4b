import { AutoScalingServiceException } from "@aws-sdk/client-auto-scaling";
import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { classifyError } from "@/lib/fleet/worker/classify-error";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/fleet/provider-error";

const withCode = (message: string, code: string | number) => Object.assign(new Error(message), { code });
const awsError = (name: string, httpStatusCode: number, extra: object = {}) =>
  Object.assign(new Error(name), {
    name,
    $fault: httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode },
    ...extra,
  });

describe("classifyError", () => {
  it("retries dropped connections and timeouts from Node.js sockets", () => {
    for (const code of ["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET"])
      expect(classifyError(withCode(`read ${code}`, code)), code).toBe("transient");
  });

  it("retries PostgreSQL connection loss, shutdown, serialization failures and deadlocks", () => {
    for (const code of ["57P01", "57P02", "08006", "08003", "08P01", "53300", "40001", "40P01", "57014"])
      expect(classifyError(withCode("pg", code)), code).toBe("transient");
    // A constraint violation or a syntax error will fail the same way again.
    for (const code of ["23505", "42601", "22P02"]) expect(classifyError(withCode("pg", code)), code).toBe("permanent");
  });

  it("retries Prisma's connection and transaction-timeout errors, and a driver adapter's under them", () => {
    for (const code of ["P1001", "P1017", "P2024", "P2028", "P2034"])
      expect(classifyError(withCode("prisma", code)), code).toBe("transient");
    expect(classifyError(withCode("Unique constraint failed", "P2002"))).toBe("permanent");
    const adapter = Object.assign(new Error("DriverAdapterError"), {
      cause: { kind: "postgres", code: "57P01", originalCode: "57P01" },
    });
    expect(classifyError(Object.assign(withCode("raw query failed", "P2010"), { cause: adapter }))).toBe("transient");
    expect(classifyError({ name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } })).toBe("transient");
    expect(classifyError({ meta: { driverAdapterError: { cause: { kind: "SocketTimeout" } } } })).toBe("transient");
  });

  it("retries AWS throttling and server errors, not client errors", () => {
    // ASG throttling answers 400 with the error name Throttling.
    const throttled = new AutoScalingServiceException({
      name: "Throttling",
      $fault: "client",
      $metadata: { httpStatusCode: 400 },
      message: "Rate exceeded",
    });
    expect(classifyError(throttled)).toBe("transient");
    expect(classifyError(awsError("InternalFailure", 500))).toBe("transient");
    expect(classifyError(awsError("SomethingNew", 503))).toBe("transient");
    expect(classifyError(awsError("ValidationError", 400, { $retryable: { throttling: false } }))).toBe("transient");
    expect(classifyError(awsError("ValidationError", 400))).toBe("permanent");
    expect(classifyError(awsError("AccessDenied", 403))).toBe("permanent");
    expect(classifyError(Object.assign(new Error("timed out"), { name: "TimeoutError" }))).toBe("transient");
  });

  it("retries Kubernetes 5xx, 429 and 409 (a failed resourceVersion precondition), not other 4xx", () => {
    for (const status of [500, 503, 429, 409])
      expect(classifyError(new ApiException(status, "HTTP-Code", "{}", {})), String(status)).toBe("transient");
    for (const status of [400, 403, 404, 422])
      expect(classifyError(new ApiException(status, "HTTP-Code", "{}", {})), String(status)).toBe("permanent");
  });

  it("fails our own refusals and unknown errors for good", () => {
    expect(classifyError(new ProviderError("InsufficientInstanceCapacity", "no capacity"))).toBe("permanent");
    // A refusal whose text happens to mention a timeout is still a refusal.
    expect(classifyError(new ProviderError("PodEvictionFailure", "blocked after a 15 minute timeout"))).toBe(
      "permanent",
    );
    expect(classifyError(new AppError("UNPROCESSABLE", "Karpenter has no desired capacity"))).toBe("permanent");
    expect(classifyError(new TypeError("Cannot read properties of undefined"))).toBe("permanent");
    expect(classifyError("a string")).toBe("permanent");
    expect(classifyError(null)).toBe("permanent");
  });

  it("falls back on the message for errors that carry no code", () => {
    expect(classifyError(new Error("Connection terminated unexpectedly"))).toBe("transient");
    expect(classifyError(new Error("terminating connection due to administrator command"))).toBe("transient");
    expect(classifyError(new Error("socket hang up"))).toBe("transient");
  });
});
