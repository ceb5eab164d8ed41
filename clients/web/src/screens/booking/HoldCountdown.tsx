import { useEffect, useState } from "react";
import { remaining } from "./time";

/** What screen readers are told: changes only at whole minutes, 30 s, 10 s and the end (not every second). */
function milestone(seconds: number): string {
  if (seconds <= 0) return "Your hold on this time has run out.";
  if (seconds <= 10) return "Less than 10 seconds left to confirm.";
  if (seconds <= 30) return "Less than 30 seconds left to confirm.";
  const minutes = Math.ceil(seconds / 60);
  return `About ${minutes} minute${minutes === 1 ? "" : "s"} left to confirm.`;
}

/** A visible countdown to `expiresAt`, announced sparingly through a polite live region. */
export function HoldCountdown({ expiresAt, onExpired }: { expiresAt: string; onExpired: () => void }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
  useEffect(() => {
    if (seconds === 0) onExpired();
  }, [seconds, onExpired]);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

  return (
    <>
      {/* A timer is not read out as it changes (role="timer" is aria-live="off"). */}
      <p role="timer" aria-label={`Time left to confirm: ${remaining(seconds)}`}>
        Held for you: <strong>{clock}</strong> left to confirm
      </p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {milestone(seconds)}
      </p>
    </>
  );
}
