import { join } from "node:path";
import type { Express } from "express";
import { dataDir, envBool, envInt, envOptional, envString, isProduction, publicUrlFor } from "../config";
import type { FileStore } from "./file-store";
import { LocalDiskFileStore, localFileSecret } from "./local-file-store";
import { S3FileStore } from "./s3-file-store";

/** Where a subgraph keeps uploaded files: S3-compatible storage, or local disk served by itself. */
export interface FileStoreSettings {
  /** S3-compatible storage when set; local disk under `localDir` otherwise. */
  s3?: { bucket: string; region: string; endpoint?: string; publicEndpoint?: string; forcePathStyle: boolean };
  localDir: string;
  /**
   * Public origin of local-disk file URLs: the gateway's, which forwards `/files/<subgraph>/*` here
   * (`publicUrlFor`). Unset: the subgraph's own address (a subgraph started alone in a test).
   */
  publicUrl?: string | (() => string);
  /** The subgraph serving the files; their URLs are under `/files/<subgraph>/` (default: the prefix). */
  subgraph?: string;
  signingSecret?: string;
  maxBytes: number;
}

/**
 * File settings from the environment: `S3_*`, `FILE_SIGNING_SECRET`, `ATTACHMENT_MAX_BYTES`, and
 * `<SUBGRAPH>_PUBLIC_URL`/`PUBLIC_URL`. Production requires `S3_BUCKET`: a container's disk is
 * read-only, and another instance of the subgraph could not serve what this one wrote there.
 */
export function fileStoreSettingsFromEnv(subgraph: string): FileStoreSettings {
  if (isProduction() && !envOptional("S3_BUCKET"))
    throw new Error(
      `S3_BUCKET is required in production: ${subgraph} keeps files in S3-compatible storage ` +
        "(S3_ENDPOINT for MinIO and others; docker-compose.yml runs one), not on the container's read-only disk",
    );
  return {
    /** S3-compatible storage for uploaded files when `S3_BUCKET` is set; local disk under `.data/files` otherwise. */
    s3: envOptional("S3_BUCKET")
      ? {
          bucket: envString("S3_BUCKET"),
          /** The bucket's region (env `S3_REGION`); credentials come from the AWS default chain. */
          region: envString("S3_REGION", "us-east-1"),
          /** An S3-compatible server instead of AWS, e.g. MinIO (env `S3_ENDPOINT`). */
          endpoint: envOptional("S3_ENDPOINT"),
          /** The endpoint browsers reach, when not `S3_ENDPOINT` (env `S3_PUBLIC_ENDPOINT`): presigned URLs are signed for it. */
          publicEndpoint: envOptional("S3_PUBLIC_ENDPOINT"),
          /** Path-style bucket URLs, which most S3-compatible servers need (env `S3_FORCE_PATH_STYLE`). */
          forcePathStyle: envBool("S3_FORCE_PATH_STYLE", false),
        }
      : undefined,
    localDir: join(dataDir(), "files"),
    publicUrl: publicUrlFor(subgraph),
    subgraph,
    /** HMAC key of local-disk file URLs (env `FILE_SIGNING_SECRET`); unset, one is generated once as `.data/files/file-signing.key` (set it when several instances share the files). */
    signingSecret: envOptional("FILE_SIGNING_SECRET"),
    /** Largest uploaded file in bytes (env `ATTACHMENT_MAX_BYTES`, 20 MiB). */
    maxBytes: envInt("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024),
  };
}

/** An opened store; with local disk, `routes` serves its URLs and `listening` tells it the subgraph's port. */
export interface OpenedFileStore {
  store: FileStore;
  routes(app: Express): void;
  listening(port: number): void;
}

/** Opens the store the settings call for, keys under `prefix` (the subgraph's name). */
export async function openFileStore(settings: FileStoreSettings, prefix: string): Promise<OpenedFileStore> {
  if (settings.s3)
    return { store: new S3FileStore({ ...settings.s3, prefix }), routes: () => undefined, listening: () => undefined };
  const { publicUrl } = settings;
  let ownUrl = "";
  const local = new LocalDiskFileStore(
    join(settings.localDir, prefix),
    () => (typeof publicUrl === "function" ? publicUrl() : (publicUrl ?? ownUrl)),
    await localFileSecret(settings.localDir, settings.signingSecret),
    `/files/${settings.subgraph ?? prefix}`,
  );
  return {
    store: local,
    routes: (app) => local.routes(app),
    listening: (port) => {
      ownUrl = `http://localhost:${port}`;
    },
  };
}
