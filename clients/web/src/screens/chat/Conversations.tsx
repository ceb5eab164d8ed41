import { useQuery, useSubscription } from "@apollo/client";
import { ConversationUpdatedDocument, WebConversationsDocument } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { currentSession } from "../../session";
import { errorMessage } from "../errors";

/** Your conversations (as an owner, and as staff of your clinics), newest first, with unread counts kept live. */
export function Conversations() {
  const { data, loading, error, refetch } = useQuery(WebConversationsDocument, { fetchPolicy: "cache-and-network" });
  // A new message anywhere (or one read elsewhere): the list and the totals are read again.
  useSubscription(ConversationUpdatedDocument, { onData: () => void refetch() });
  const me = currentSession()?.user.id;
  const conversations = data?.myConversations?.edges.map((edge) => edge.node) ?? [];
  const unread = data?.unreadMessages;

  return (
    <section aria-labelledby="conversations-title">
      <h1 id="conversations-title">Messages</h1>
      {loading && !data && <p role="status">Loading…</p>}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {unread && (
        <p role="status" className="muted">
          {unread.messages === 0
            ? "No unread messages."
            : `${unread.messages} unread ${unread.messages === 1 ? "message" : "messages"} in ${unread.conversations} ${
                unread.conversations === 1 ? "conversation" : "conversations"
              }.`}
        </p>
      )}
      {data && conversations.length === 0 && <p>No conversations yet. Open a clinic to send it a message.</p>}
      {conversations.length > 0 && (
        <ul className="cards" aria-label="Conversations">
          {conversations.map((conversation) => {
            // Owners see the clinic; the clinic's staff see the owner.
            const withWhom =
              conversation.owner?.id === me ? conversation.clinic?.name : conversation.owner?.displayName;
            return (
              <li key={conversation.id}>
                <Link to={`/messages/${encodeURIComponent(conversation.id)}`}>{conversation.subject}</Link>
                <span className="muted">{[withWhom, conversation.pet?.name].filter(Boolean).join(" · ")}</span>
                {conversation.unreadCount > 0 && <strong className="badge">{conversation.unreadCount} unread</strong>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
