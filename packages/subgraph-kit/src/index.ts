import "reflect-metadata";

export * from "./auth";
export * from "./config";
export * from "./context";
export * from "./db";
export * from "./document-cache";
export * from "./errors";
export * from "./files";
export * from "./ids";
export * from "./loaders";
export * from "./logger";
export * from "./outbox";
export * from "./pagination";
export * from "./realtime";
export * from "./schema";
export * from "./server";
export * from "./subgraph-client";
export * from "./subscriptions";
