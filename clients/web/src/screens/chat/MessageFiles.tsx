import { useMutation } from "@apollo/client";
import {
  RequestMessageAttachmentUploadDocument,
  type MessageDetailsFragment,
} from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";
import { fileSize } from "./file-size";
import "./chat-files.css";

/** What the API accepts in a chat (RequestMessageAttachmentUploadInput.contentType); the API has the last word. */
export const ACCEPTED_FILE_TYPES = "image/jpeg,image/png,image/webp,image/heic,application/pdf,video/mp4";
/** Images a browser shows inline; HEIC is offered as a download only. */
const SHOWN_INLINE = new Set(["image/jpeg", "image/png", "image/webp"]);
/** Headers the browser sets itself and refuses from a page (Content-Length comes from the body). */
const SET_BY_BROWSER = new Set(["content-length", "host"]);

/** A file that could not be sent: which one, and the API's words (or the upload's status). */
export class FileRefused extends Error {}

/**
 * Uploads `files` for a message in `conversationId` the API's way: ask for an upload URL per file, PUT its bytes
 * with the headers the API names, and hand back the attachment ids for `sendMessage`. The first refusal stops it.
 */
export function useUploadFiles(conversationId: string): (files: File[]) => Promise<string[]> {
  const [requestUpload] = useMutation(RequestMessageAttachmentUploadDocument);
  return async (files) => {
    const ids: string[] = [];
    for (const file of files) {
      let upload;
      try {
        const { data } = await requestUpload({
          variables: {
            // An unknown type goes up as it is, so the API refuses it in its own words.
            input: { conversationId, fileName: file.name, sizeBytes: file.size, contentType: file.type || "unknown" },
          },
        });
        upload = data!.requestMessageAttachmentUpload;
      } catch (error) {
        throw new FileRefused(`${file.name}: ${errorMessage(error)}`);
      }
      const headers = Object.fromEntries(
        upload.headers.filter((h) => !SET_BY_BROWSER.has(h.name.toLowerCase())).map((h) => [h.name, h.value]),
      );
      const response = await fetch(upload.url, { method: upload.method, headers, body: file }).catch(() => undefined);
      if (!response?.ok)
        throw new FileRefused(
          `${file.name} could not be uploaded${response ? ` (${response.status})` : ""}. Try again.`,
        );
      ids.push(upload.attachmentId);
    }
    return ids;
  };
}

/** A message's files as download links (name and size), images with a small preview. */
export function MessageFiles({ files }: { files: MessageDetailsFragment["attachments"] }) {
  if (files.length === 0) return null;
  return (
    <ul className="chat-files" aria-label="Files">
      {files.map((file) => (
        <li key={file.id}>
          {file.downloadUrl ? (
            <a href={file.downloadUrl} download={file.fileName}>
              {SHOWN_INLINE.has(file.contentType) && <img src={file.downloadUrl} alt="" width={96} />}
              <span>{file.fileName}</span>
            </a>
          ) : (
            <span>{file.fileName}</span>
          )}{" "}
          <span className="muted">({fileSize(file.sizeBytes)})</span>
        </li>
      ))}
    </ul>
  );
}
