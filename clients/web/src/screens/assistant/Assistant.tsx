import { useMutation, useQuery } from "@apollo/client";
import { useEffect, useState, type FormEvent } from "react";
import {
  AskAssistantDocument,
  AssistantThreadDocument,
  AssistantThreadsDocument,
  MyPetsDocument,
} from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { navigate } from "../../router";
import { errorMessage } from "../errors";
import { Answer } from "./Answer";
import { DeleteThread } from "./DeleteThread";
import "./assistant.css";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * The pet-care assistant: ask about one of your pets (or in general), read the answer with its triage
 * banner and sources; your past threads, one of them open at /assistant/<id>, where a question continues it.
 */
export function Assistant({ threadId }: { threadId?: string }) {
  const pets = useQuery(MyPetsDocument, { variables: { first: 50 } });
  const threads = useQuery(AssistantThreadsDocument, { variables: { first: 20 }, fetchPolicy: "cache-and-network" });
  const thread = useQuery(AssistantThreadDocument, {
    variables: { id: threadId ?? "" },
    skip: !threadId,
    fetchPolicy: "cache-and-network",
  });
  const [askAssistant, asking] = useMutation(AskAssistantDocument, {
    refetchQueries: ["AssistantThreads", "AssistantThread"],
    awaitRefetchQueries: true,
  });
  const [question, setQuestion] = useState("");
  const [petId, setPetId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The answer just asked for: the only one whose emergency banner is announced (role="alert"); forgotten
  // once another thread (or none) is opened, so a thread read again announces nothing.
  const [fresh, setFresh] = useState<{ answerId: string; threadId: string } | null>(null);
  useEffect(() => setFresh((last) => (last?.threadId === threadId ? last : null)), [threadId]);
  // What was done to a thread ("deleted"), said until another thread is opened.
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => void (threadId && setNotice(null)), [threadId]);

  const petList = pets.data?.myPets?.edges.map((edge) => edge.node) ?? [];
  const petName = (id: string | null | undefined) => petList.find((pet) => pet.id === id)?.name;
  const open = threadId ? thread.data?.assistantThread : null;
  // A thread stays about one pet: a follow-up goes with the thread's pet.
  const chosenPet = open ? (open.petId ?? "") : (petId ?? petList[0]?.id ?? "");
  const threadList = threads.data?.assistantThreads?.edges.map((edge) => edge.node) ?? [];

  async function ask(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const result = await askAssistant({
        variables: { input: { question: question.trim(), petId: chosenPet || null, threadId: open?.id ?? null } },
      });
      const answer = result.data?.askAssistant;
      if (!answer) return;
      setFresh({ answerId: answer.id, threadId: answer.threadId });
      setQuestion("");
      if (answer.threadId !== threadId) navigate(`/assistant/${encodeURIComponent(answer.threadId)}`);
    } catch (failure) {
      setProblem(errorMessage(failure));
    }
  }

  return (
    <section aria-labelledby="assistant-title" className="assistant">
      <div className="heading-row">
        <h1 id="assistant-title">{open ? open.title : "Assistant"}</h1>
        {threadId && <Link to="/assistant">New question</Link>}
      </div>
      <p className="hint">
        Answers come from reviewed care articles and your pet&apos;s record. They are no substitute for a vet: in an
        emergency, contact one now.
      </p>
      {threadId && thread.loading && !thread.data && <p role="status">Loading the conversation…</p>}
      {thread.error && (
        <p role="alert" className="error">
          {errorMessage(thread.error)}
        </p>
      )}
      {open && (
        <div className="answers">
          {open.answers.map((answer) => (
            <Answer key={answer.id} answer={answer} announce={answer.id === fresh?.answerId} />
          ))}
          <DeleteThread
            threadId={open.id}
            onDeleted={() => {
              setNotice("Conversation deleted.");
              navigate("/assistant");
            }}
          />
        </div>
      )}
      <p role="status">{notice}</p>

      <form onSubmit={(event) => void ask(event)} aria-label="Ask the assistant">
        {open ? (
          open.petId && <p>About {petName(open.petId) ?? "your pet"}</p>
        ) : (
          <>
            <label htmlFor="assistant-pet">Pet</label>
            <select id="assistant-pet" value={chosenPet} onChange={(event) => setPetId(event.target.value)}>
              {petList.map((pet) => (
                <option key={pet.id} value={pet.id}>
                  {pet.name}
                </option>
              ))}
              <option value="">No particular pet</option>
            </select>
          </>
        )}
        <label htmlFor="assistant-question">{open ? "Ask a follow-up question" : "Your question"}</label>
        <textarea
          id="assistant-question"
          rows={3}
          required
          minLength={2}
          maxLength={2000}
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
        />
        <button type="submit" disabled={asking.loading}>
          {asking.loading ? "Asking…" : "Ask"}
        </button>
        {asking.loading && <p role="status">The assistant is answering…</p>}
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
      </form>

      <h2>Past questions</h2>
      {threads.error && (
        <p role="alert" className="error">
          {errorMessage(threads.error)}
        </p>
      )}
      {threads.data && threadList.length === 0 && <p>No questions yet.</p>}
      {threadList.length > 0 && (
        <ul className="cards" aria-label="Past questions">
          {threadList.map((item) => (
            <li key={item.id} aria-current={item.id === threadId ? "page" : undefined}>
              <Link to={`/assistant/${encodeURIComponent(item.id)}`}>{item.title}</Link>
              <span className="muted">
                {petName(item.petId) ? `${petName(item.petId)} · ` : ""}
                {item.answers.some((answer) => answer.triageLevel === "RED" || answer.triageLevel === "ORANGE")
                  ? "emergency · "
                  : ""}
                {when.format(new Date(item.updatedAt))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
