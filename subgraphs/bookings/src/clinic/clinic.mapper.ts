import type { ClinicEntity } from "./clinic.entity";
import type { Clinic, ClinicStatus } from "./clinic.type";

/** A clinic row as the GraphQL `Clinic`; `distanceKm` only when a `clinics(near:)` search measured it. */
export function toClinic(row: ClinicEntity, distanceKm: number | null = null): Clinic {
  return {
    id: row.id,
    name: row.name,
    address: { line: row.addressLine, city: row.city, postalCode: row.postalCode, country: row.country },
    location: { latitude: row.latitude, longitude: row.longitude },
    timeZone: row.timeZone,
    phone: row.phone,
    openingHours: row.openingHours,
    status: row.status as ClinicStatus,
    statusReason: row.status === "APPROVED" ? null : row.statusReason,
    distanceKm: distanceKm === null ? null : Math.round(distanceKm * 1000) / 1000,
    minNoticeMinutes: row.minNoticeMinutes,
    maxAdvanceDays: row.maxAdvanceDays,
    cancelCutoffHours: row.cancelCutoffHours,
    createdAt: row.createdAt,
  };
}
