import type { Readable } from "node:stream";

/** Where an upload goes and how: the client sends `method` to `url` with exactly these headers. */
export interface UploadTarget {
  method: "PUT";
  url: string;
  headers: Record<string, string>;
  expiresAt: Date;
}

/** What storage knows about a stored object. */
export interface StoredObject {
  sizeBytes: number;
  contentType: string | null;
}

/**
 * Object storage behind presigned URLs: clients upload and download directly, the subgraph only
 * signs. Implementations: a local disk store (development, tests) and S3-compatible storage.
 */
export interface FileStore {
  /** A URL that accepts one PUT of exactly `sizeBytes` bytes of `contentType` until it expires. */
  presignUpload(key: string, contentType: string, sizeBytes: number, expiresInSeconds: number): Promise<UploadTarget>;
  /** A URL that serves the object until it expires, as a download named `fileName`. */
  presignDownload(key: string, fileName: string, expiresInSeconds: number): Promise<{ url: string; expiresAt: Date }>;
  /** The stored object, or null when nothing was uploaded under `key`. */
  stat(key: string): Promise<StoredObject | null>;
  /** The stored bytes as a stream (for processing an upload server-side), or null when nothing is there. */
  read(key: string): Promise<Readable | null>;
  /** Stores bytes the subgraph made itself (image renditions, exports) under `key`. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
}
