import { useMutation, useQuery } from "@apollo/client";
import { useState } from "react";
import {
  ReviewFlaggedMessageDocument,
  WebFlaggedMessagesDocument,
  type ReviewAction,
} from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { errorMessage } from "../errors";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

const DONE: Record<ReviewAction, string> = {
  CLEAR: "Cleared: the message stays in its conversation.",
  REMOVE: "Removed: the message's text is gone from its conversation.",
};

function excerpt(text: string | null | undefined): string {
  if (!text) return "(no text)";
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}

/** Messages moderation flagged at the clinic, for its admins to clear (keep) or remove; the list is read again after. */
export function FlaggedMessages({ clinicId }: { clinicId: string }) {
  const { data, loading, error } = useQuery(WebFlaggedMessagesDocument, {
    variables: { clinicId },
    fetchPolicy: "cache-and-network",
  });
  const [review, reviewing] = useMutation(ReviewFlaggedMessageDocument, {
    refetchQueries: ["WebFlaggedMessages"],
    awaitRefetchQueries: true,
  });
  const [outcome, setOutcome] = useState<{ text: string; problem: boolean } | null>(null);
  const flagged = data?.flaggedMessages ?? [];

  async function decide(messageId: string, action: ReviewAction) {
    setOutcome(null);
    try {
      await review({ variables: { input: { messageId, action } } });
      setOutcome({ text: DONE[action], problem: false });
    } catch (failure) {
      setOutcome({ text: errorMessage(failure), problem: true });
    }
  }

  return (
    <section aria-labelledby="flagged-title">
      <h2 id="flagged-title">Flagged messages</h2>
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {loading && !data && <p role="status">Loading flagged messages…</p>}
      <div role="status">{outcome && !outcome.problem ? outcome.text : ""}</div>
      {outcome?.problem && (
        <p role="alert" className="error">
          {outcome.text}
        </p>
      )}
      {data && flagged.length === 0 && <p>No messages are waiting for review.</p>}
      {flagged.length > 0 && (
        <ul className="cards flagged" aria-label="Flagged messages">
          {flagged.map(({ message, reasons }) => {
            const sender = message.sender?.displayName ?? "Someone";
            // Buttons name the message (its start and sender): several may come from one person.
            const which = `“${excerpt(message.text)}” from ${sender}`;
            return (
              <li key={message.id}>
                <div>
                  <p className="muted">
                    {sender} in{" "}
                    <Link to={`/messages/${encodeURIComponent(message.conversation.id)}`}>
                      {message.conversation.subject}
                    </Link>
                    , {when.format(new Date(message.sentAt))}
                  </p>
                  <blockquote>{message.text ?? "(no text)"}</blockquote>
                  <p className="muted">Flagged for: {reasons.join("; ")}</p>
                </div>
                <div className="review">
                  <button
                    type="button"
                    disabled={reviewing.loading}
                    aria-label={`Clear ${which}`}
                    onClick={() => void decide(message.id, "CLEAR")}
                  >
                    Clear
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={reviewing.loading}
                    aria-label={`Remove ${which}`}
                    onClick={() => void decide(message.id, "REMOVE")}
                  >
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
