import {
  openFileStore,
  fileStoreSettingsFromEnv,
  type FileStoreSettings,
  type OpenedFileStore,
} from "../files/open-file-store";

/**
 * The store privacy exports live in, shared by every subgraph: the same S3 bucket (prefix `privacy/`)
 * or, on one machine, the same data directory. Participants write their parts; identity reads them,
 * writes the ZIP and signs its download links (served by identity with local disk, at
 * `/files/identity/*` through the gateway's origin, or `publicUrl` when given).
 */
export function openPrivacyFileStore(
  subgraph: string,
  publicUrl?: FileStoreSettings["publicUrl"],
): Promise<OpenedFileStore> {
  const settings = fileStoreSettingsFromEnv(subgraph);
  return openFileStore({ ...settings, publicUrl: publicUrl ?? settings.publicUrl }, "privacy");
}
