import { LabResultFlag } from "./lab-result.type";

/** Reads a lab value against its range when the lab gave no flag. */
export function flagFor(
  value: string,
  low: number | null | undefined,
  high: number | null | undefined,
): { numeric: number | null; flag: LabResultFlag } {
  const numeric = /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : null;
  if (numeric === null) return { numeric, flag: LabResultFlag.NORMAL };
  if (low != null && numeric < low) return { numeric, flag: LabResultFlag.LOW };
  if (high != null && numeric > high) return { numeric, flag: LabResultFlag.HIGH };
  return { numeric, flag: LabResultFlag.NORMAL };
}
