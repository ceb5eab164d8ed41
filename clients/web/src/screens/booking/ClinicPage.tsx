import { useMutation, useQuery } from "@apollo/client";
import { useCallback, useState } from "react";
import {
  AvailableSlotsDocument,
  ClinicDocument,
  ConfirmBookingDocument,
  HoldSlotDocument,
  MyPetsDocument,
  ReleaseHoldDocument,
  type HoldSlotMutation,
} from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { errorMessage } from "../errors";
import { HoldCountdown } from "./HoldCountdown";
import { clockTime, dateTime, dayOf, windowAround } from "./time";
import "./booking.css";

type Hold = Extract<HoldSlotMutation["holdSlot"], { __typename: "SlotHold" }>;

/** A failed hold, in words: each typed error of `holdSlot` says what to do next. */
function holdProblem(result: HoldSlotMutation["holdSlot"]): string {
  switch (result.__typename) {
    case "SlotTakenError":
      return "Someone else has just taken that time. Please pick another.";
    case "TooManyHoldsError":
      return `You are already holding ${result.limit} times. Confirm or let go of one first, or wait for it to run out.`;
    case "SlotUnavailableError":
      return `That time cannot be booked: ${result.message}`;
    default:
      return "That time cannot be held.";
  }
}

/** A clinic, its services and the booking flow: pet + service + day → slot → hold (with a countdown) → confirm. */
export function ClinicPage({ id }: { id: string }) {
  const clinicQuery = useQuery(ClinicDocument, { variables: { id } });
  const pets = useQuery(MyPetsDocument, { variables: { first: 50 } });
  const clinic = clinicQuery.data?.clinic;
  const timeZone = clinic?.timeZone ?? "UTC";

  const [petId, setPetId] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [day, setDay] = useState(() => dayOf(new Date(Date.now() + 86_400_000), timeZone));
  const [hold, setHold] = useState<Hold | null>(null);
  const [expired, setExpired] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [booked, setBooked] = useState<string | null>(null);

  const chosenPet = petId || pets.data?.myPets?.edges[0]?.node.id || "";
  const chosenService = serviceId || clinic?.services?.[0]?.id || "";
  const slotsQuery = useQuery(AvailableSlotsDocument, {
    variables: { clinicId: id, serviceId: chosenService, ...windowAround(day) },
    skip: !chosenService || !/^\d{4}-\d{2}-\d{2}$/.test(day),
    fetchPolicy: "network-only",
  });
  const slots = (slotsQuery.data?.availableSlots ?? []).filter((slot) => dayOf(slot.startsAt, timeZone) === day);

  const [holdSlot, holding] = useMutation(HoldSlotDocument);
  const [releaseHold] = useMutation(ReleaseHoldDocument);
  const [confirmBooking, confirming] = useMutation(ConfirmBookingDocument, { refetchQueries: ["MyUpcomingBookings"] });
  const onExpired = useCallback(() => setExpired(true), []);

  async function pick(slot: { startsAt: string; vet?: { id: string } | null }) {
    setProblem(null);
    setBooked(null);
    if (!slot.vet) return;
    try {
      const result = await holdSlot({
        variables: { input: { clinicId: id, serviceId: chosenService, vetId: slot.vet.id, startsAt: slot.startsAt } },
      });
      const held = result.data?.holdSlot;
      if (held?.__typename === "SlotHold") {
        setHold(held);
        setExpired(false);
      } else if (held) {
        setProblem(holdProblem(held));
        void slotsQuery.refetch();
      }
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  async function confirm() {
    if (!hold) return;
    setProblem(null);
    try {
      const result = await confirmBooking({ variables: { input: { holdId: hold.id, petId: chosenPet } } });
      const booking = result.data?.confirmBooking;
      if (booking?.__typename === "Booking") {
        setHold(null);
        setBooked(
          `Booked: ${booking.service.name} at ${booking.clinic.name}, ${dateTime(booking.startsAt, timeZone)}.`,
        );
        void slotsQuery.refetch();
      } else if (booking?.__typename === "HoldExpiredError") {
        setHold(null);
        setProblem("Your hold ran out before you confirmed. Please pick the time again.");
        void slotsQuery.refetch();
      } else if (booking?.__typename === "SlotTakenError") {
        setHold(null);
        setProblem("Someone else has just taken that time. Please pick another.");
        void slotsQuery.refetch();
      }
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  async function letGo() {
    if (!hold) return;
    const holdId = hold.id;
    setHold(null);
    await releaseHold({ variables: { input: { holdId } } }).catch(() => undefined);
    void slotsQuery.refetch();
  }

  if (clinicQuery.loading) return <p role="status">Loading the clinic…</p>;
  if (!clinic)
    return (
      <p role="alert" className="error">
        {clinicQuery.error ? errorMessage(clinicQuery.error) : "This clinic cannot be found."}
      </p>
    );
  const petList = pets.data?.myPets?.edges.map((edge) => edge.node) ?? [];

  return (
    <section aria-labelledby="clinic-title">
      <Link to="/clinics">← Clinics</Link>
      <h1 id="clinic-title">{clinic.name}</h1>
      <p className="muted">
        {[clinic.address?.line, clinic.address?.postalCode, clinic.address?.city].filter(Boolean).join(", ")} · times in{" "}
        {timeZone}
      </p>
      <p>
        <Link to={`/clinics/${encodeURIComponent(clinic.id)}/message`}>Write to this clinic</Link>
      </p>

      <h2>Services</h2>
      {clinic.services?.length ? (
        <ul aria-label="Services">
          {clinic.services.map((service) => (
            <li key={service.id}>{service.name}</li>
          ))}
        </ul>
      ) : (
        <p>This clinic lists no services yet.</p>
      )}

      <h2>Book a time</h2>
      {pets.data && petList.length === 0 ? (
        <p>
          Add a pet first: <Link to="/pets/new">Add a pet</Link>
        </p>
      ) : (
        <form className="inline" onSubmit={(event) => event.preventDefault()}>
          <label htmlFor="book-pet">Pet</label>
          <select id="book-pet" value={chosenPet} onChange={(e) => setPetId(e.target.value)} disabled={!!hold}>
            {petList.map((pet) => (
              <option key={pet.id} value={pet.id}>
                {pet.name}
              </option>
            ))}
          </select>
          <label htmlFor="book-service">Service</label>
          <select
            id="book-service"
            value={chosenService}
            onChange={(e) => setServiceId(e.target.value)}
            disabled={!!hold}
          >
            {clinic.services?.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
          <label htmlFor="book-day">Day</label>
          <input id="book-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} disabled={!!hold} />
        </form>
      )}

      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {booked && (
        <p role="status">
          {booked} <Link to="/bookings">See my bookings</Link>
        </p>
      )}

      {hold ? (
        <div className="hold" role="region" aria-label="Your held time">
          <p>
            <strong>{dateTime(hold.startsAt, timeZone)}</strong> – {clockTime(hold.endsAt, timeZone)} is held for you.
          </p>
          {expired ? (
            <p role="alert" className="error">
              Your hold ran out. Please pick the time again.
            </p>
          ) : (
            <HoldCountdown expiresAt={hold.expiresAt} onExpired={onExpired} />
          )}
          <button type="button" onClick={() => void confirm()} disabled={expired || confirming.loading}>
            Confirm booking
          </button>{" "}
          <button type="button" className="link" onClick={() => void letGo()}>
            {expired ? "Pick another time" : "Let this time go"}
          </button>
        </div>
      ) : (
        chosenService && (
          <>
            <h3 id="slots-title">Free times</h3>
            {slotsQuery.loading && <p role="status">Loading free times…</p>}
            {slotsQuery.error && (
              <p role="alert" className="error">
                {errorMessage(slotsQuery.error)}
              </p>
            )}
            {slotsQuery.data && slots.length === 0 && <p>No free times that day. Try another day.</p>}
            {slots.length > 0 && (
              <ul className="slots" aria-labelledby="slots-title">
                {slots.map((slot, index) => {
                  const sameTime = slots.filter((other) => other.startsAt === slot.startsAt);
                  const which = sameTime.length > 1 ? ` (vet ${sameTime.indexOf(slot) + 1})` : "";
                  return (
                    <li key={`${slot.startsAt}-${slot.vet?.id ?? index}`}>
                      <button type="button" disabled={holding.loading} onClick={() => void pick(slot)}>
                        {clockTime(slot.startsAt, timeZone)}
                        {which}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )
      )}
    </section>
  );
}
