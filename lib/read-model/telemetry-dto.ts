import { z } from "zod";

// Which telemetry source answered a page and how far behind it is (the staleness banner).
export const ZTelemetryDto = z.object({ source: z.string(), lagSeconds: z.number().nullable() });
