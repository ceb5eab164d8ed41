import { useQuery } from "@apollo/client";
import { WebClinicDayDocument } from "../../../../__generated__/web/graphql";
import { clockTime } from "../booking/time";
import { errorMessage } from "../errors";
import { addDays, dayName, dayWindow } from "./day";

/** A clinic's bookings on one day of its own calendar, in start order, with the previous and next days a click away. */
export function DayCalendar({
  clinicId,
  timeZone,
  day,
  onDay,
}: {
  clinicId: string;
  timeZone: string;
  day: string;
  onDay: (day: string) => void;
}) {
  const { data, loading, error } = useQuery(WebClinicDayDocument, {
    variables: { clinicId, ...dayWindow(day, timeZone) },
    fetchPolicy: "cache-and-network",
  });
  const bookings = data?.clinicCalendar?.edges.map((edge) => edge.node) ?? [];
  const name = dayName(day);

  return (
    <section aria-labelledby="day-title">
      <h2 id="day-title">Day calendar</h2>
      <div className="day-nav">
        <button type="button" onClick={() => onDay(addDays(day, -1))}>
          Previous day
        </button>
        <label htmlFor="calendar-day" className="visually-hidden">
          Day
        </label>
        <input
          id="calendar-day"
          type="date"
          value={day}
          required
          onChange={(event) => event.target.value && onDay(event.target.value)}
        />
        <button type="button" onClick={() => onDay(addDays(day, 1))}>
          Next day
        </button>
      </div>
      <p className="hint">Times are the clinic&apos;s ({timeZone}).</p>
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {loading && !data && <p role="status">Loading the day…</p>}
      {data && bookings.length === 0 && <p role="status">No bookings on {name}.</p>}
      {bookings.length > 0 && (
        <table className="day-table">
          <caption>Bookings on {name}</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Pet</th>
              <th scope="col">Service</th>
              <th scope="col">Vet</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {bookings.map((booking) => (
              <tr key={booking.id} className={booking.status === "CANCELLED" ? "cancelled" : undefined}>
                <td>
                  {clockTime(booking.startsAt, timeZone)}–{clockTime(booking.endsAt, timeZone)}
                </td>
                <td>
                  {booking.pet?.name ?? "Not visible yet"}
                  {booking.owner && <span className="muted"> ({booking.owner.displayName})</span>}
                </td>
                <td>{booking.service.name}</td>
                <td>{booking.vet?.displayName ?? "—"}</td>
                <td>{booking.status === "CANCELLED" ? "Cancelled" : "Confirmed"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.clinicCalendar?.pageInfo.hasNextPage && (
        <p className="hint">Only the first 100 bookings of the day are shown.</p>
      )}
    </section>
  );
}
