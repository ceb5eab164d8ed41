import { randomUUID } from "node:crypto";
import { BadUserInputError, toHttpHeaders, type FileStore } from "@pawgraph/subgraph-kit";
import type { VendorFileUpload } from "./vendor-payload.type";

/** A logo is shown small everywhere: 2 MB is plenty and keeps pages light. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Upload URLs work for 15 minutes; logo download URLs for an hour (longer than the 60 s public cache). */
const UPLOAD_SECONDS = 900;
const LOGO_URL_SECONDS = 3600;

interface DeclaredFile {
  fileName: string;
  sizeBytes: number;
  contentType: string;
}

/**
 * A vendor's files, the kit's way: the subgraph checks what the client declares (type by the input's
 * allow-list, size here), signs an upload URL per file under a fresh key, and signs download URLs per
 * read; the bytes never pass through the subgraph.
 */
export class VendorFiles {
  constructor(
    private readonly store: FileStore,
    /** The configured upload limit (`ATTACHMENT_MAX_BYTES`), for verification documents. */
    private readonly maxBytes: number,
  ) {}

  /** Throws BAD_USER_INPUT naming `field.sizeBytes` when a logo is larger than LOGO_MAX_BYTES. */
  checkLogo(file: DeclaredFile, field: string): void {
    if (file.sizeBytes > LOGO_MAX_BYTES)
      throw new BadUserInputError(`${field}.sizeBytes`, `must be at most ${LOGO_MAX_BYTES} bytes`);
  }

  /** Throws BAD_USER_INPUT naming `field.sizeBytes` when a document is larger than the upload limit. */
  checkDocument(file: DeclaredFile, field: string): void {
    if (file.sizeBytes > this.maxBytes)
      throw new BadUserInputError(`${field}.sizeBytes`, `must be at most ${this.maxBytes} bytes`);
  }

  /** A fresh storage key for one of `vendorId`'s files of `kind`. */
  newKey(vendorId: string, kind: "logo" | "documents"): string {
    return `vendors/${vendorId}/${kind}/${randomUUID()}`;
  }

  async presignUpload(key: string, file: DeclaredFile): Promise<VendorFileUpload> {
    const target = await this.store.presignUpload(key, file.contentType, file.sizeBytes, UPLOAD_SECONDS);
    return {
      fileName: file.fileName,
      url: target.url,
      method: target.method,
      headers: toHttpHeaders(target.headers),
      expiresAt: target.expiresAt,
    };
  }

  async logoUrl(key: string): Promise<string> {
    return (await this.store.presignDownload(key, "logo", LOGO_URL_SECONDS)).url;
  }
}
