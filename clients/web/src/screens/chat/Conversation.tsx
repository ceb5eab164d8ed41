import { useMutation, useQuery, type ApolloCache } from "@apollo/client";
import { useEffect, useState, type FormEvent } from "react";
import {
  MarkConversationReadDocument,
  MessageAddedDocument,
  SendMessageDocument,
  WebConversationDocument,
  type MessageDetailsFragment,
  type WebConversationQuery,
} from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { currentSession } from "../../session";
import { errorMessage } from "../errors";
import { ACCEPTED_FILE_TYPES, FileRefused, MessageFiles, useUploadFiles } from "./MessageFiles";

/** The conversation with `message` among its messages (newest first, as the API pages them); once only. */
function withMessage(previous: WebConversationQuery, message: MessageDetailsFragment): WebConversationQuery {
  const conversation = previous.conversation;
  if (!conversation || conversation.messages.edges.some((edge) => edge.node.id === message.id)) return previous;
  const { conversation: _about, ...details } = message as MessageDetailsFragment & { conversation?: unknown };
  return {
    ...previous,
    conversation: {
      ...conversation,
      messages: {
        ...conversation.messages,
        edges: [{ __typename: "MessageEdge", node: details }, ...conversation.messages.edges],
      },
    },
  };
}

function addToCache(cache: ApolloCache<unknown>, id: string, message: MessageDetailsFragment) {
  cache.updateQuery({ query: WebConversationDocument, variables: { id } }, (previous) =>
    previous ? withMessage(previous, message) : previous,
  );
}

/** One conversation: its messages, new ones arriving live (graphql-ws `messageAdded`), and a form to reply. */
export function Conversation({ id }: { id: string }) {
  const { data, loading, error, subscribeToMore } = useQuery(WebConversationDocument, { variables: { id } });
  const [send, { loading: sending }] = useMutation(SendMessageDocument);
  const [markRead] = useMutation(MarkConversationReadDocument);
  const [problem, setProblem] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const uploadFiles = useUploadFiles(id);
  const me = currentSession()?.user.id;
  const conversation = data?.conversation;

  useEffect(
    () =>
      subscribeToMore({
        document: MessageAddedDocument,
        variables: { conversationId: id },
        updateQuery: (previous, { subscriptionData }) =>
          subscriptionData.data ? withMessage(previous, subscriptionData.data.messageAdded) : previous,
      }),
    [id, subscribeToMore],
  );

  // Seen on screen is read: the read receipt goes up whenever unread messages are shown.
  const unread = conversation?.unreadCount ?? 0;
  const newest = conversation?.messages.edges[0]?.node.id;
  useEffect(() => {
    if (!conversation) return;
    const fromOthers = conversation.messages.edges[0]?.node.sender?.id !== me;
    if (unread > 0 || (newest && fromOthers))
      void markRead({ variables: { input: { conversationId: id } } }).catch(() => undefined);
  }, [id, unread, newest]); // The conversation object changes with every message; these say when to mark.

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = String(form.get("text") ?? "").trim();
    const files = form.getAll("files").filter((file): file is File => file instanceof File && file.name !== "");
    if (!text && files.length === 0) return setProblem("Write a message or attach a file.");
    setProblem(undefined);
    setUploading(true);
    try {
      // Every file is up before the message goes: a refused one sends nothing.
      const attachmentIds = files.length ? await uploadFiles(files) : undefined;
      await send({
        variables: { input: { conversationId: id, text: text || undefined, attachmentIds } },
        update: (cache, { data: sent }) => sent && addToCache(cache, id, sent.sendMessage),
      });
      formElement.reset();
    } catch (error) {
      setProblem(error instanceof FileRefused ? error.message : errorMessage(error));
    } finally {
      setUploading(false);
    }
  }

  if (loading && !data) return <p role="status">Loading…</p>;
  if (error || !conversation)
    return (
      <section aria-labelledby="conversation-title">
        <h1 id="conversation-title">Conversation not found</h1>
        <p role="alert" className="error">
          {error ? errorMessage(error) : "This conversation does not exist or you do not take part in it."}
        </p>
        <Link to="/messages">Back to messages</Link>
      </section>
    );

  const withWhom = conversation.owner?.id === me ? conversation.clinic?.name : conversation.owner?.displayName;
  // Oldest first on screen; the API gives newest first.
  const messages = [...conversation.messages.edges].reverse().map((edge) => edge.node);

  return (
    <section aria-labelledby="conversation-title">
      <p>
        <Link to="/messages">← Messages</Link>
      </p>
      <h1 id="conversation-title">{conversation.subject}</h1>
      <p className="muted">{[withWhom, conversation.pet?.name].filter(Boolean).join(" · ")}</p>
      {/* role="log": screen readers announce each message added at the end, not the ones already shown. */}
      <div role="log" aria-label="Messages" aria-live="polite" className="chat-log">
        {messages.length === 0 ? (
          <p className="muted">No messages yet.</p>
        ) : (
          <ol className="chat">
            {messages.map((message) => (
              <li key={message.id} className={message.sender?.id === me ? "mine" : undefined}>
                <span className="who">
                  {message.sender?.id === me ? "You" : (message.sender?.displayName ?? "Someone")}
                </span>
                <span className="text">{message.deleted ? <em>Message deleted</em> : message.text}</span>
                <MessageFiles files={message.attachments} />
                <time dateTime={message.sentAt} className="muted">
                  {new Date(message.sentAt).toLocaleString()}
                </time>
              </li>
            ))}
          </ol>
        )}
      </div>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="message-text">Your message</label>
        <textarea id="message-text" name="text" maxLength={4000} rows={3} />
        <label htmlFor="message-files">Attach a file</label>
        <input id="message-files" name="files" type="file" multiple accept={ACCEPTED_FILE_TYPES} />
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={sending || uploading}>
          Send
        </button>
      </form>
    </section>
  );
}
