# One image recipe for every Pawgraph process: `docker build --build-arg WORKSPACE=subgraphs/identity .` (or gateway, subgraphs/pets, ...).
# Node 24, the current LTS; .ci/run runs the whole suite on it as well as on Node 20.
ARG NODE_IMAGE=node:24-bookworm-slim

# Only the files `npm ci` reads, so the dependency layer is rebuilt when a manifest changes, not when code does.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name package.json -not -path "*/node_modules/*" -exec cp --parents {} /manifests/ \; \
 && cp package-lock.json .npmrc /manifests/

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
# Every dependency, dev ones included: the build stage compiles with them. Install scripts stay off, as root
# package.json's allowScripts keeps them off in development (the base image's npm does not read allowScripts).
# A lockfile written through a registry mirror can lack other platforms' optional binaries, which `npm ci`
# rejects; `npm install` then installs the same locked versions, and says so.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund \
 || { echo "npm ci rejected package-lock.json; installing its locked versions with npm install" >&2; \
      npm install --ignore-scripts --no-audit --no-fund; }

# What the runtime image holds (scripts/production-build.mjs, docs/decisions/0062): the React web app's static
# files (served by the gateway at /app/, WEB_APP_DIR), every server workspace's TypeScript compiled to JavaScript,
# the files the processes read, and production dependencies only, in /out.
FROM deps AS build
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    npm run build \
 && node scripts/production-build.mjs /out --install --prefer-offline

FROM ${NODE_IMAGE} AS runtime
ARG WORKSPACE
ENV NODE_ENV=production
# The app runs as the image's unprivileged "node" user (uid 1000, as the k8s manifests' runAsUser). In production
# it writes nothing to this filesystem (secrets from env, files to S3; e2e/read-only-production.e2e.test.ts boots
# every process from the same tree as nobody), so the root filesystem can be read-only.
RUN install -d -o node -g node /app
WORKDIR /app
COPY --from=build --chown=node:node /out/ ./
# Read by the gateway only: the other processes ignore it.
ENV WEB_APP_DIR=/app/clients/web/dist
RUN test -n "$WORKSPACE" && test -f "$WORKSPACE/src/main.js" \
 || { echo "Build arg WORKSPACE must name a process's workspace folder (e.g. subgraphs/identity), got '$WORKSPACE'" >&2; exit 1; }
WORKDIR /app/${WORKSPACE}
USER node
# Liveness: GET /healthz on the process's port (PORT, else its default; scripts/healthcheck.mjs). docker-compose.yml
# checks /readyz instead, to start services in order; Kubernetes uses its own probes and ignores this.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/scripts/healthcheck.mjs", "/healthz"]
# node runs as PID 1 directly (not through npm) so SIGTERM reaches the app's graceful shutdown. Stack traces name
# compiled lines; NODE_OPTIONS=--enable-source-maps maps them to the TypeScript (the .js.map files are in the image).
CMD ["node", "src/main.js"]
