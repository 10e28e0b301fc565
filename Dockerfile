# Media Wire service image: `wire start` by default (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY workers ./workers
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schema ./schema
COPY config ./config
# The operator console's templates, stylesheet and script (read at run time, not compiled)
COPY src/console/views ./src/console/views
COPY src/console/assets ./src/console/assets
USER node
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["start"]
