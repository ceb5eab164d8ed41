import { openFileStore, fileStoreSettingsFromEnv, type OpenedFileStore } from "../files/open-file-store";

/**
 * The store privacy exports live in, shared by every subgraph: the same S3 bucket (prefix `privacy/`)
 * or, on one machine, the same data directory. Participants write their parts; identity reads them,
 * writes the ZIP and signs its download links (served by identity with local disk).
 */
export function openPrivacyFileStore(subgraph: string): Promise<OpenedFileStore> {
  return openFileStore(fileStoreSettingsFromEnv(subgraph), "privacy");
}
