import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Readable } from "node:stream";
import type { FileStore, StoredObject, UploadTarget } from "./file-store";

export interface S3FileStoreOptions {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, R2, ...). */
  endpoint?: string;
  /**
   * The endpoint browsers reach, when it is not `endpoint` (docker-compose: the processes reach
   * `http://minio:9000`, a browser `http://localhost:9000`). A presigned URL signs its host, so
   * it is signed for this one.
   */
  publicEndpoint?: string;
  forcePathStyle?: boolean;
  /** Keys are stored under this prefix, e.g. the subgraph name. */
  prefix: string;
}

/**
 * S3-compatible storage with presigned URLs. The upload URL signs Content-Type and Content-Length,
 * so S3 itself refuses a different type or size; credentials come from the AWS default chain.
 */
export class S3FileStore implements FileStore {
  private readonly client: S3Client;
  /** Signs the URLs handed to browsers. */
  private readonly signer: S3Client;

  constructor(private readonly options: S3FileStoreOptions) {
    const client = (endpoint: string | undefined) =>
      new S3Client({ region: options.region, endpoint, forcePathStyle: options.forcePathStyle });
    this.client = client(options.endpoint);
    this.signer = options.publicEndpoint ? client(options.publicEndpoint) : this.client;
  }

  private key(key: string): string {
    return `${this.options.prefix}/${key}`;
  }

  async presignUpload(
    key: string,
    contentType: string,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<UploadTarget> {
    const command = new PutObjectCommand({
      Bucket: this.options.bucket,
      Key: this.key(key),
      ContentType: contentType,
      ContentLength: sizeBytes,
    });
    const url = await getSignedUrl(this.signer, command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(["content-type", "content-length"]),
    });
    return {
      method: "PUT",
      url,
      headers: { "content-type": contentType },
      expiresAt: new Date(Date.now() + expiresInSeconds * 1000),
    };
  }

  async presignDownload(
    key: string,
    fileName: string,
    expiresInSeconds: number,
  ): Promise<{ url: string; expiresAt: Date }> {
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: this.key(key),
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
    return {
      url: await getSignedUrl(this.signer, command, { expiresIn: expiresInSeconds }),
      expiresAt: new Date(Date.now() + expiresInSeconds * 1000),
    };
  }

  async read(key: string): Promise<Readable | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
      return (object.Body as Readable | undefined) ?? null;
    } catch (error) {
      if ((error as { name?: string }).name === "NoSuchKey") return null;
      throw error;
    }
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), Body: body, ContentType: contentType }),
    );
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
      return { sizeBytes: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
    } catch (error) {
      if ((error as { name?: string }).name === "NotFound") return null;
      throw error;
    }
  }
}
