import { BadUserInputError } from "@pawgraph/subgraph-kit";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The password rules: long enough, not absurdly long (hashing cost), and not containing the
 * email address or its local part. Length over composition rules, as NIST SP 800-63B advises.
 */
export function checkPasswordPolicy(password: string, email: string, field = "input.password"): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new BadUserInputError(field, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(field, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  const lower = password.toLowerCase();
  const normalizedEmail = email.trim().toLowerCase();
  const localPart = normalizedEmail.split("@")[0] ?? "";
  if (lower.includes(normalizedEmail) || (localPart.length >= 3 && lower.includes(localPart))) {
    throw new BadUserInputError(field, "Password must not contain your email address");
  }
  if (new Set(password).size < 4) {
    throw new BadUserInputError(field, "Password is too repetitive");
  }
}
