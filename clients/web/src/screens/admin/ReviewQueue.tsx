import type { FormEvent, ReactNode } from "react";
import { errorMessage } from "../errors";

/** One application waiting for a platform admin, with the facts shown to decide on it. */
export interface WaitingItem {
  id: string;
  name: string;
  facts: [label: string, value: ReactNode][];
}

/**
 * A list of applications waiting for review (shops, clinics), each approved or rejected with a reason; the
 * outcome goes to the Approvals screen's status line (`onMessage`). `decide` runs the review mutation, with
 * `reason` when rejecting; the caller's mutation refetches the list.
 */
export function ReviewQueue({
  title,
  idPrefix,
  items,
  loading,
  error,
  emptyText,
  reasonLabel,
  busy,
  decide,
  onMessage,
}: {
  title: string;
  idPrefix: string;
  items: WaitingItem[] | undefined;
  loading: boolean;
  error: unknown;
  emptyText: string;
  reasonLabel: string;
  busy: boolean;
  decide: (id: string, reason?: string) => Promise<unknown>;
  onMessage: (message: { text: string; problem: boolean } | null) => void;
}) {
  async function review(item: WaitingItem, reason?: string) {
    onMessage(null);
    try {
      await decide(item.id, reason);
      onMessage({ text: reason ? `${item.name} was rejected.` : `${item.name} was approved.`, problem: false });
    } catch (failure) {
      onMessage({ text: errorMessage(failure), problem: true });
    }
  }

  function reject(event: FormEvent<HTMLFormElement>, item: WaitingItem) {
    event.preventDefault();
    void review(item, String(new FormData(event.currentTarget).get("reason")).trim());
  }

  return (
    <section aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>{title}</h2>
      {loading && !items && <p role="status">Loading…</p>}
      {error ? (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      ) : null}
      {items && items.length === 0 && <p>{emptyText}</p>}
      {items?.map((item) => (
        <article key={item.id} aria-labelledby={`${idPrefix}-${item.id}`} className="order">
          <h3 id={`${idPrefix}-${item.id}`}>{item.name}</h3>
          <dl className="facts">
            {item.facts.map(([label, value]) => [
              <dt key={`${label}-t`}>{label}</dt>,
              <dd key={`${label}-d`}>{value}</dd>,
            ])}
          </dl>
          <button type="button" disabled={busy} aria-label={`Approve ${item.name}`} onClick={() => void review(item)}>
            Approve
          </button>
          <form className="inline" onSubmit={(event) => reject(event, item)}>
            <label htmlFor={`${idPrefix}-reason-${item.id}`}>{reasonLabel}</label>
            <input id={`${idPrefix}-reason-${item.id}`} name="reason" required maxLength={1000} />
            <button type="submit" disabled={busy} aria-label={`Reject ${item.name}`}>
              Reject
            </button>
          </form>
        </article>
      ))}
    </section>
  );
}

/** How a registration or application date is shown in the queues. */
export const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
