# syntax=docker/dockerfile:1
# Fleet Console production image: Next's standalone server plus the migration runner, as non-root.
#   docker build --build-arg APP_VERSION=$(git rev-parse --short HEAD) -t fleet-console .
# The same image serves the dashboard (BACKGROUND_JOBS=false), runs the worker (BACKGROUND_JOBS=true)
# and applies migrations (`node scripts/migrate.js`); see deploy/README.md.
# The current Node LTS (24); the local two commands also run on Node 20.19+ (see README).
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib/db/prisma-cli ./lib/db/prisma-cli
# npm ci installs exactly the lockfile. --ignore-scripts: the image needs no dependency install
# script (Next's SWC and esbuild binaries ship in their npm packages; @prisma/engines' would download
# a Rust engine this app never uses), whatever npm version the image has; the project's own
# postinstall (prisma generate, WASM engine, offline) runs explicitly instead.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund && npm run db:generate

FROM deps AS build
COPY . .
RUN npm run build \
 && mkdir -p public \
 && node_modules/.bin/esbuild scripts/migrate.ts --bundle --platform=node --target=node24 \
      --conditions=react-server --external:pg-native --outfile=dist/migrate.js

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ARG APP_VERSION=dev
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 APP_VERSION=${APP_VERSION}
# Everything stays root-owned and read-only to the app; only Next's cache directory is writable
# (Kubernetes mounts an emptyDir there, since the pods run with a read-only root filesystem).
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/dist/migrate.js ./scripts/migrate.js
RUN mkdir -p .next/cache && chown 1000:1000 .next/cache
# Numeric, so Kubernetes' runAsNonRoot can verify it (the image's "node" user is 1000).
USER 1000:1000
EXPOSE 3000
CMD ["node", "server.js"]
