# One image recipe for every Pawgraph process: `docker build --build-arg WORKSPACE=subgraphs/identity .` (or gateway, subgraphs/pets, ...).
ARG NODE_IMAGE=node:20-bookworm-slim

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
# Install scripts stay off, as root package.json's allowScripts keeps them off in development (the base
# image's npm 10 does not read allowScripts). Dev dependencies stay: @swc-node/register runs the TypeScript.
# A lockfile written through a registry mirror can lack other platforms' optional binaries, which `npm ci`
# rejects; `npm install` then installs the same locked versions, and says so.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund \
 || { echo "npm ci rejected package-lock.json; installing its locked versions with npm install" >&2; \
      npm install --ignore-scripts --no-audit --no-fund; }

FROM ${NODE_IMAGE} AS runtime
ARG WORKSPACE
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/ ./
COPY . .
RUN test -n "$WORKSPACE" && test -f "$WORKSPACE/package.json" \
 || { echo "Build arg WORKSPACE must name a workspace folder (e.g. subgraphs/identity), got '$WORKSPACE'" >&2; exit 1; }
WORKDIR /app/${WORKSPACE}
USER node
# node runs as PID 1 directly (not through npm) so SIGTERM reaches the app's graceful shutdown.
CMD ["node", "-r", "@swc-node/register", "src/main.ts"]
