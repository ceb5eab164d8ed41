import { useMutation, useQuery } from "@apollo/client";
import { useState } from "react";
import {
  CancelBookingDocument,
  MyCalendarFeedDocument,
  MyUpcomingBookingsDocument,
} from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { errorMessage } from "../errors";
import "./booking.css";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short" });

/** Your upcoming bookings, each cancellable while the clinic allows, and the address of your calendar feed. */
export function MyBookings() {
  const { data, loading, error } = useQuery(MyUpcomingBookingsDocument, { fetchPolicy: "cache-and-network" });
  const feed = useQuery(MyCalendarFeedDocument, { variables: { kind: "OWNER" } });
  const [cancelBooking, cancelling] = useMutation(CancelBookingDocument);
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const bookings = data?.me?.upcomingBookings?.edges.map((edge) => edge.node) ?? [];
  const feedUrl = feed.data?.me?.calendarFeedUrl;

  async function cancel(bookingId: string) {
    setMessage(null);
    try {
      const result = await cancelBooking({ variables: { input: { bookingId } } });
      const answer = result.data?.cancelBooking;
      if (answer?.__typename === "Booking") setMessage({ text: "Booking cancelled.", problem: false });
      else if (answer?.__typename === "CancellationWindowClosedError")
        setMessage({
          text: `It is too late to cancel online (the clinic allows it until ${when.format(new Date(answer.cutoff))}). Please call the clinic.`,
          problem: true,
        });
    } catch (failure) {
      setMessage({ text: errorMessage(failure), problem: true });
    }
  }

  return (
    <section aria-labelledby="bookings-title">
      <div className="heading-row">
        <h1 id="bookings-title">My bookings</h1>
        <Link to="/clinics">Book a visit</Link>
      </div>
      {loading && !data && <p role="status">Loading your bookings…</p>}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {message && (
        <p role={message.problem ? "alert" : "status"} className={message.problem ? "error" : undefined}>
          {message.text}
        </p>
      )}
      {data && bookings.length === 0 && <p>No upcoming bookings.</p>}
      {bookings.length > 0 && (
        <ul className="cards" aria-label="Bookings">
          {bookings.map((booking) => (
            <li key={booking.id}>
              <span>
                <strong>{booking.service.name}</strong> at {booking.clinic.name}
              </span>
              <span className="muted">
                {when.format(new Date(booking.startsAt))}
                {booking.status === "CANCELLED" ? " · cancelled" : ""}
              </span>
              {booking.status === "CONFIRMED" && (
                <button
                  type="button"
                  disabled={cancelling.loading}
                  aria-label={`Cancel ${booking.service.name} on ${when.format(new Date(booking.startsAt))}`}
                  onClick={() => void cancel(booking.id)}
                >
                  Cancel
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Calendar feed</h2>
      {feedUrl ? (
        <>
          <p>
            <a href={feedUrl}>Calendar feed of your bookings (iCalendar)</a>
          </p>
          <label htmlFor="feed-url">Add this address to your calendar app to see your bookings there</label>
          <input id="feed-url" readOnly value={feedUrl} onFocus={(e) => e.target.select()} />
          <p className="hint">Anyone with this address can see your bookings: keep it private.</p>
        </>
      ) : (
        !feed.loading && <p>No calendar feed is available.</p>
      )}
    </section>
  );
}
