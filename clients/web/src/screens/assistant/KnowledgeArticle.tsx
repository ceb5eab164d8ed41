import { useQuery } from "@apollo/client";
import { useEffect } from "react";
import { KnowledgeDocumentDocument } from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";
import { Markdown } from "./markdown";
import "./assistant.css";

/** A care article an answer cites, opened at the cited section (`#<anchor>`). */
export function KnowledgeArticle({ id }: { id: string }) {
  const { data, loading, error } = useQuery(KnowledgeDocumentDocument, { variables: { id } });
  const document = data?.knowledgeDocument;

  useEffect(() => {
    const anchor = decodeURIComponent(window.location.hash.slice(1));
    if (document && anchor) window.document.getElementById(anchor)?.scrollIntoView();
  }, [document]);

  if (loading) return <p role="status">Loading the article…</p>;
  if (error || !document)
    return (
      <p role="alert" className="error">
        {error ? errorMessage(error) : "This article cannot be found."}
      </p>
    );
  // The body repeats the title as its first heading; the page's h1 already says it.
  const body = document.body.replace(/^#\s+.*\n/, "");
  return (
    <article aria-labelledby="article-title" className="article">
      <h1 id="article-title">{document.title}</h1>
      {document.reviewedBy && <p className="hint">Reviewed by {document.reviewedBy}</p>}
      <Markdown text={body} headingLevel={1} />
    </article>
  );
}
