export { PUBLIC_DATA_VERSION_PATH, parsePublicDataVersion, type PublicDataVersion } from "./version";
export {
  publicDataTrackingMigrationSql,
  publicDataVersionRoute,
  trackPublicDataVersion,
  type PublicDataTracking,
} from "./tracking";
