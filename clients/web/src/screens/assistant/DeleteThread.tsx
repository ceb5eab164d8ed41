import { useMutation } from "@apollo/client";
import { useState } from "react";
import { DeleteAssistantThreadDocument } from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";

/** Deleting a thread (every question and answer in it, for good), asked twice: it cannot be undone. */
export function DeleteThread({ threadId, onDeleted }: { threadId: string; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [deleteThread, deleting] = useMutation(DeleteAssistantThreadDocument, {
    refetchQueries: ["AssistantThreads"],
    update: (cache) => {
      cache.evict({ id: cache.identify({ __typename: "AssistantThread", id: threadId }) });
      cache.gc();
    },
  });

  async function remove() {
    setProblem(null);
    try {
      await deleteThread({ variables: { input: { threadId } } });
      onDeleted();
    } catch (failure) {
      setProblem(errorMessage(failure));
    }
  }

  return (
    <div className="delete-thread">
      {confirming ? (
        <>
          <span>Delete every question and answer in this conversation for good?</span>
          <button type="button" className="danger" disabled={deleting.loading} onClick={() => void remove()}>
            Yes, delete it
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="link" onClick={() => setConfirming(true)}>
          Delete this conversation
        </button>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
