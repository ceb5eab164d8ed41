import { join } from "node:path";
import type { Express } from "express";
import { dataDir, envBool, envInt, envOptional, envString, publicUrlFor } from "../config";
import type { FileStore } from "./file-store";
import { LocalDiskFileStore, localFileSecret } from "./local-file-store";
import { S3FileStore } from "./s3-file-store";

/** Where a subgraph keeps uploaded files: S3-compatible storage, or local disk served by itself. */
export interface FileStoreSettings {
  /** S3-compatible storage when set; local disk under `localDir` otherwise. */
  s3?: { bucket: string; region: string; endpoint?: string; forcePathStyle: boolean };
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

/** File settings from the environment: `S3_*`, `FILE_SIGNING_SECRET`, `ATTACHMENT_MAX_BYTES`, and `<SUBGRAPH>_PUBLIC_URL`/`PUBLIC_URL`. */
export function fileStoreSettingsFromEnv(subgraph: string): FileStoreSettings {
  return {
    s3: envOptional("S3_BUCKET")
      ? {
          bucket: envString("S3_BUCKET"),
          region: envString("S3_REGION", "us-east-1"),
          endpoint: envOptional("S3_ENDPOINT"),
          forcePathStyle: envBool("S3_FORCE_PATH_STYLE", false),
        }
      : undefined,
    localDir: join(dataDir(), "files"),
    publicUrl: publicUrlFor(subgraph),
    subgraph,
    signingSecret: envOptional("FILE_SIGNING_SECRET"),
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
