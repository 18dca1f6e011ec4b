import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { scrubSecrets } from "@/lib/observability/scrub-secrets";

function capture(level?: string) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    raw: () => lines.join("\n"),
  };
}

describe("logger", () => {
  it("writes one JSON object per line with level name, ISO time, service and version", () => {
    const { logger, records } = capture();
    logger.info({ poolId: "pool-a" }, "drain started");
    const [record] = records();
    expect(record).toMatchObject({ level: "info", service: "fleet-console", msg: "drain started", poolId: "pool-a" });
    expect(typeof record!.version).toBe("string");
    expect(new Date(record!.time as string).toISOString()).toBe(record!.time);
  });

  it("respects the level (LOG_LEVEL in production)", () => {
    const { logger, records } = capture("warn");
    logger.info("hidden");
    logger.warn("shown");
    expect(records().map((r) => r.msg)).toEqual(["shown"]);
  });

  it("redacts authorization and cookie headers and connection settings by key", () => {
    const { logger, records, raw } = capture();
    logger.info(
      {
        req: {
          method: "GET",
          headers: {
            authorization: "Bearer eyJhbGciOi",
            cookie: "next-auth.session-token=abc123",
            accept: "text/html",
          },
        },
        config: { DATABASE_URL: "postgres://fleet:hunter2@db.internal:5432/fleet", password: "hunter2" },
      },
      "request",
    );
    expect(records()[0]).toMatchObject({
      req: { method: "GET", headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "text/html" } },
      config: { DATABASE_URL: "[redacted]", password: "[redacted]" },
    });
    expect(raw()).not.toMatch(/eyJhbGciOi|abc123|hunter2/);
  });

  it("removes credentials from connection strings inside messages, fields and errors", () => {
    const { logger, raw, records } = capture();
    const err = new Error(
      "connect failed for postgresql://fleet:s3cr3t-pw@db.internal:5432/fleet (password=s3cr3t-pw)",
    );
    logger.error(err);
    logger.error(
      { err, target: "postgresql://fleet:s3cr3t-pw@db.internal/fleet" },
      "retrying postgresql://fleet:s3cr3t-pw@db.internal/fleet",
    );
    expect(raw()).not.toContain("s3cr3t-pw");
    const [first, second] = records();
    // The key/value form is cut at whitespace, "&" or ";": a ")" after a password is taken as part of it.
    expect(first!.msg).toBe(
      "connect failed for postgresql://fleet:[redacted]@db.internal:5432/fleet (password=[redacted]",
    );
    expect((first!.err as { message: string }).message).toContain("postgresql://fleet:[redacted]@db.internal");
    expect(second!.target).toBe("postgresql://fleet:[redacted]@db.internal/fleet");
  });

  it("scrubSecrets leaves text without credentials alone", () => {
    expect(scrubSecrets("https://example.com/a?b=c and user@example.com")).toBe(
      "https://example.com/a?b=c and user@example.com",
    );
  });
});
