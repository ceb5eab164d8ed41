import type { ClinicServiceEntity } from "./clinic-service.entity";
import type { ClinicServiceType, ServiceKind } from "./clinic-service.type";

/** A service row as the GraphQL `ClinicService`. */
export const toClinicService = (row: ClinicServiceEntity): ClinicServiceType => ({
  ...row,
  kind: row.kind as ServiceKind,
});
