import { moderate } from "@pawgraph/subgraph-kit";
import type { ReviewText } from "./review.repository";

/** What an author sent, before moderation. */
export interface ReviewDraft {
  rating: number;
  title?: string | null;
  body: string;
}

/** Abusive language in one field: the review is refused, nothing stored. */
export interface AbusiveText {
  field: "input.title" | "input.body";
  reasons: string[];
}

/**
 * A review's text as it is stored: trimmed, a blank title as none, card numbers, IBANs and
 * passwords masked by the kit's moderation (the rules messaging applies to chat). Unlike a chat
 * message, which is delivered and queued for a clinic's admins, a review is published to everyone
 * at once and nobody reviews it first, so abusive language refuses it instead (the author may reword).
 */
export function reviewText(draft: ReviewDraft): ReviewText | AbusiveText {
  const title = draft.title?.trim() ? moderate(draft.title.trim()) : null;
  const body = moderate(draft.body.trim());
  if (title?.flagReasons.length) return { field: "input.title", reasons: title.flagReasons };
  if (body.flagReasons.length) return { field: "input.body", reasons: body.flagReasons };
  return { rating: draft.rating, title: title?.text ?? null, body: body.text };
}

export const isAbusive = (text: ReviewText | AbusiveText): text is AbusiveText => "reasons" in text;
