import { useMutation, useQuery, useSubscription } from "@apollo/client";
import { useState } from "react";
import {
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationsDocument,
} from "../../../../__generated__/web/graphql";
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
  const { data, error } = useQuery(NotificationsDocument, { variables: LATEST });
  const [markRead, marking] = useMutation(MarkNotificationsReadDocument, {
    refetchQueries: [{ query: NotificationsDocument, variables: LATEST }],
  });

  useSubscription(NotificationAddedDocument, {
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
      setAnnouncement(`New notification: ${added.title}`);
    },
  });

  const unread = data?.unreadNotificationCount ?? 0;
  const items = data?.notifications?.edges.map((edge) => edge.node) ?? [];

  return (
    <div className="bell">
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
