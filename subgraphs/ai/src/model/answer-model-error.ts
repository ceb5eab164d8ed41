/**
 * Why a model could not answer. The assistant picks its fallback from this (offline answer, "try again"),
 * and logs read it without parsing messages.
 * - TIMEOUT: no complete answer within the configured time.
 * - ABORTED: the caller gave up (the client went away); nobody is waiting for an answer.
 * - UNAVAILABLE: the provider failed or could not be reached (5xx, network), still so after the retry.
 * - RATE_LIMITED: the provider refused for quota or rate (429), still so after the retry.
 * - REJECTED: the provider refused the credentials (401/403): a configuration error, retrying cannot help.
 * - INVALID: the provider refused the request (other 4xx, unknown model, malformed answer).
 */
export type AnswerModelFailure = "TIMEOUT" | "ABORTED" | "UNAVAILABLE" | "RATE_LIMITED" | "REJECTED" | "INVALID";

/**
 * A model call that failed. The message is written by us from the failure's kind and the HTTP status
 * only: providers echo parts of the API key ("Incorrect API key provided: sk-...abcd") and the prompt in
 * their error bodies, and this message may reach logs at info level. The provider's own error stays
 * in `cause` (with its raw response body and the request we sent): log it at debug level only.
 */
export class AnswerModelError extends Error {
  override readonly name = "AnswerModelError";

  constructor(
    readonly failure: AnswerModelFailure,
    message: string,
    /** True when the same request may succeed later (timeouts, 5xx, 429); false for credentials and bad requests. */
    readonly retryable: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
