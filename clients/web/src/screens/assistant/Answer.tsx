import type { AssistantAnswerViewFragment, TriageLevel } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { anchorOf, Markdown } from "./markdown";

/** What each triage level asks of the owner (the schema's own words for `TriageLevel`). */
const LEVEL: Record<TriageLevel, string> = {
  RED: "Emergency: contact a vet now.",
  ORANGE: "Very urgent: contact a vet now; a vet should see your pet within minutes.",
  YELLOW: "Urgent: a vet should see your pet today.",
  GREEN: "Book a visit if it goes on or gets worse.",
  BLUE: "A general care question: not urgent.",
};

/**
 * The triage banner. An emergency (RED/ORANGE) is prominent; `announce` gives it role="alert" so the
 * answer just asked is read out at once (answers shown again from a thread are not announced).
 */
function TriageBanner({ answer, announce }: { answer: AssistantAnswerViewFragment; announce: boolean }) {
  const findings = answer.triageFindings.map((finding) => finding.label.replace(/\.$/, ""));
  if (answer.emergency)
    return (
      <div className="triage emergency" role={announce ? "alert" : undefined}>
        <strong>{LEVEL[answer.triageLevel]}</strong>
        {findings.length > 0 && <span> Why: {findings.join("; ")}.</span>}
      </div>
    );
  return (
    <p className={`triage level-${answer.triageLevel.toLowerCase()}`}>
      {LEVEL[answer.triageLevel]}
      {findings.length > 0 && ` (${findings.join("; ")})`}
    </p>
  );
}

type Action = AssistantAnswerViewFragment["suggestedActions"][number];

/** A suggested action as a link where the app has somewhere to go; otherwise its label. */
function ActionLink({ action }: { action: Action }) {
  if (action.phone) return <a href={`tel:${action.phone.replace(/[^+\d]/g, "")}`}>{action.label}</a>;
  if (action.kind === "BOOK_APPOINTMENT")
    return (
      <Link to={action.clinicId ? `/clinics/${encodeURIComponent(action.clinicId)}` : "/clinics"}>{action.label}</Link>
    );
  if (action.kind === "VIEW_HEALTH_RECORD" && action.petId)
    return <Link to={`/pets/${encodeURIComponent(action.petId)}`}>{action.label}</Link>;
  if (action.productId)
    return <Link to={`/shop/products/${encodeURIComponent(action.productId)}`}>{action.label}</Link>;
  return <span>{action.label}</span>;
}

type Citation = AssistantAnswerViewFragment["citations"][number];

/** Where a citation opens in this app: the care article at its section, or the pet's page (its health record). */
function citationPath(citation: Citation, petId: string | null | undefined): string | null {
  if (citation.documentId)
    return `/knowledge/${encodeURIComponent(citation.documentId)}${citation.section ? `#${anchorOf(citation.section)}` : ""}`;
  const record = /^\/pets\/([^/]+)\/health-record\//.exec(citation.link);
  const pet = record?.[1] ?? petId;
  return pet ? `/pets/${pet}` : null;
}

/** One question and its answer: the triage banner, the text with its [n] markers, actions and sources. */
export function Answer({ answer, announce }: { answer: AssistantAnswerViewFragment; announce: boolean }) {
  const path = (citation: Citation) => citationPath(citation, answer.petId);
  return (
    <article className="answer" aria-label={`Answer to: ${answer.question}`}>
      <p className="question">
        <span className="visually-hidden">You asked: </span>
        {answer.question}
      </p>
      <TriageBanner answer={answer} announce={announce} />
      <div className="answer-text">
        <Markdown text={answer.text} headingLevel={3} />
      </div>
      {answer.notice && <p className="hint">{answer.notice}</p>}
      {answer.suggestedActions.length > 0 && (
        <ul className="actions" aria-label="What you can do">
          {answer.suggestedActions.map((action, i) => (
            <li key={i}>
              <ActionLink action={action} />
            </li>
          ))}
        </ul>
      )}
      {answer.citations.length > 0 && (
        <>
          <h3>Sources</h3>
          <ol className="citations" aria-label="Sources">
            {answer.citations.map((citation) => (
              <li key={citation.marker}>
                <span className="marker">[{citation.marker}]</span>{" "}
                {path(citation) ? <Link to={path(citation)!}>{citation.title}</Link> : citation.title}
                {citation.section && <span className="muted"> · {citation.section}</span>}
                <blockquote>{citation.excerpt}</blockquote>
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}
