import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { BadUserInputError, DomainError } from "@pawgraph/subgraph-kit";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's scale is 0 to 4; 3 means "safely unguessable" (about 10^8 guesses), what zxcvbn's authors suggest as a minimum. */
export const PASSWORD_MIN_SCORE = 3;

/**
 * One estimator per process: building it decompresses the common and English dictionaries
 * (~0.5 s), so it is built once, on first use. The caps bound the cost of one check: zxcvbn reads
 * only the first 48 characters (a longer password whose first 48 are strong is strong) and tries at
 * most 8 l33t substitutions; without them a crafted 64-character password took over a second of CPU.
 */
let estimator: ZxcvbnFactory | undefined;
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
    maxLength: 48,
    l33tMaxSubstitutions: 8,
  });
  return estimator;
}

/** Builds the estimator now (at start-up) so the first registration does not pay for it. */
export function warmPasswordPolicy(): void {
  strengthEstimator();
}

/**
 * The password rules: long enough, not absurdly long (hashing cost), not containing the email
 * address or its local part, and not guessable: zxcvbn matches it against common and leaked
 * passwords, dictionary words, names, keyboard walks, sequences, dates and the person's own
 * details, and scores the cheapest guess. Length and guessability over composition rules, as
 * NIST SP 800-63B advises (it asks for a check against breached and common passwords).
 */
export function checkPasswordPolicy(
  password: string,
  email: string,
  field = "input.password",
  personalInputs: readonly string[] = [],
): void {
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
  const userInputs = [
    normalizedEmail,
    localPart,
    ...localPart.split(/[._+-]/),
    ...personalInputs.flatMap((input) => [input, ...input.split(/\s+/)]),
  ]
    .map((s) => s.toLowerCase())
    .filter((s) => s.length >= 3);
  const { score, feedback } = strengthEstimator().check(password, userInputs);
  if (score < PASSWORD_MIN_SCORE) {
    const hint = [
      ...feedback.suggestions,
      "A passphrase of four or more unrelated words is easy to remember and hard to guess.",
    ].join(" ");
    throw new DomainError(
      "BAD_USER_INPUT",
      `Password is too easy to guess${feedback.warning ? `: ${feedback.warning}` : "."}`,
      field,
      { hint },
    );
  }
}
