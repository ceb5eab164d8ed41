import { useMutation, useQuery, useSubscription } from "@apollo/client";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationsDocument,
} from "../../../../__generated__/web/graphql";
import { restartSubscriptions } from "../../link";
import { errorMessage } from "../errors";
import "./booking.css";

const LATEST = { first: 10 };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * The header's bell: the unread count and the latest notifications, kept live by the
 * `notificationAdded` subscription (graphql-ws, sent by its trusted-document id), each new one announced.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const { data, error, refetch } = useQuery(NotificationsDocument, { variables: LATEST });
  const [markRead, marking] = useMutation(MarkNotificationsReadDocument, {
    refetchQueries: [{ query: NotificationsDocument, variables: LATEST }],
  });

  // Each generation is one subscription; a failed one is followed by the next (see LiveNotifications).
  const [generation, setGeneration] = useState(0);
  const failures = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const restart = useCallback(() => {
    const delay = Math.min(30_000, 1_000 * 2 ** failures.current++);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      // Over HTTP first: a refused token is traded for a new session there (link.ts), then the socket
      // reconnects with it.
      void refetch()
        .catch(() => undefined)
        .finally(() => {
          restartSubscriptions();
          setGeneration((value) => value + 1);
        });
    }, delay);
  }, [refetch]);
  const received = useCallback((title: string) => {
    failures.current = 0;
    setAnnouncement(`New notification: ${title}`);
  }, []);

  const unread = data?.unreadNotificationCount ?? 0;
  const items = data?.notifications?.edges.map((edge) => edge.node) ?? [];

  return (
    <div className="bell">
      <LiveNotifications key={generation} onReceived={received} onEnded={restart} />
      <button
        type="button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        onClick={() => setOpen((value) => !value)}
      >
        Notifications{" "}
        <span aria-hidden="true" className="count">
          ({unread})
        </span>
        <span className="visually-hidden">, {unread} unread</span>
      </button>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {open && (
        <div id="notifications-panel" className="bell-panel" role="region" aria-labelledby="notifications-title">
          <h2 id="notifications-title">Notifications</h2>
          {error && (
            <p role="alert" className="error">
              {errorMessage(error)}
            </p>
          )}
          {unread > 0 && (
            <button
              type="button"
              disabled={marking.loading}
              onClick={() => void markRead({ variables: { input: { all: true } } })}
            >
              Mark all read
            </button>
          )}
          {data && items.length === 0 && <p>Nothing yet.</p>}
          {items.length > 0 && (
            <ul aria-label="Latest notifications">
              {items.map((item) => (
                <li key={item.id} className={item.read ? undefined : "unread"}>
                  <span>
                    {item.read ? "" : "Unread: "}
                    {item.title}
                  </span>
                  <br />
                  <span>{item.body}</span>
                  <br />
                  <span className="muted">{when.format(new Date(item.createdAt))}</span>
                  {!item.read && (
                    <>
                      <br />
                      <button
                        type="button"
                        disabled={marking.loading}
                        onClick={() => void markRead({ variables: { input: { ids: [item.id] } } })}
                      >
                        Mark read<span className="visually-hidden">: {item.title}</span>
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The `notificationAdded` subscription (graphql-ws, sent by its trusted-document id): each new
 * notification goes to the front of the bell's cached list and adds one to the unread count. When it
 * ends (a refused or expired token, a dropped socket), `onEnded` lets the bell start a new one.
 */
function LiveNotifications({ onReceived, onEnded }: { onReceived: (title: string) => void; onEnded: () => void }) {
  useSubscription(NotificationAddedDocument, {
    onError: () => onEnded(),
    onComplete: () => onEnded(),
    onData: ({ client, data: event }) => {
      const added = event.data?.notificationAdded;
      if (!added) return;
      client.cache.updateQuery({ query: NotificationsDocument, variables: LATEST }, (previous) => {
        if (!previous?.notifications) return previous;
        if (previous.notifications.edges.some((edge) => edge.node.id === added.id)) return previous;
        return {
          ...previous,
          unreadNotificationCount: (previous.unreadNotificationCount ?? 0) + (added.read ? 0 : 1),
          notifications: {
            ...previous.notifications,
            edges: [{ __typename: "NotificationEdge" as const, node: added }, ...previous.notifications.edges],
          },
        };
      });
      onReceived(added.title);
    },
  });
  return null;
}
