import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, keyset, paginate, toHttpHeaders, type BaseContext } from "@pawgraph/subgraph-kit";
import type { AiContext } from "../context";
import {
  AddKnowledgeDocumentInput,
  DeleteKnowledgeDocumentInput,
  RequestKnowledgeUploadInput,
} from "./knowledge-document.inputs";
import { toKnowledgeDocument } from "./knowledge-document.mapper";
import type { KnowledgeDocumentService } from "./knowledge-document.service";
import { KnowledgeDocument, KnowledgeDocumentConnection, KnowledgeUpload } from "./knowledge-document.types";
import type { KnowledgeRepository } from "./knowledge.repository";
import type { KnowledgeDocumentRow } from "./knowledge.rows";

const DOCUMENT_PAGE = keyset("date", "uuid").of((d: KnowledgeDocumentRow) => [d.createdAt, d.id]);

@ArgsType()
class KnowledgeDocumentsArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      "A clinic: its own documents (its staff and platform admins). Omitted: the built-in and platform documents (platform admins).",
  })
  clinicId?: string | null;
}

/** The knowledge index's documents: read one, list them, and (admins) add and delete them. */
@Resolver(() => KnowledgeDocument)
export class KnowledgeDocumentResolver {
  constructor(
    private readonly documents: KnowledgeDocumentService,
    private readonly knowledge: KnowledgeRepository,
  ) {}

  @Query(() => KnowledgeDocument, {
    nullable: true,
    description:
      "A knowledge document, e.g. one an answer cites (`AssistantCitation.documentId`). Built-in and platform documents: anyone signed in; a clinic's: its staff and platform admins. NOT_FOUND otherwise.",
  })
  async knowledgeDocument(
    @Arg("id", () => ID, { description: "The document." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<KnowledgeDocument> {
    return toKnowledgeDocument(await this.documents.readable(ctx, id, "id"));
  }

  @Query(() => KnowledgeDocumentConnection, {
    nullable: true,
    description:
      "Knowledge documents, newest first: a clinic's own with `clinicId` (its staff and platform admins), or the built-in and platform ones without (platform admins). FORBIDDEN otherwise.",
  })
  async knowledgeDocuments(
    @Args(() => KnowledgeDocumentsArgs) args: KnowledgeDocumentsArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<KnowledgeDocumentConnection> {
    const clinicId = this.documents.listable(ctx, args.clinicId);
    return paginate(args, {
      keyset: DOCUMENT_PAGE,
      fetch: ({ limit, after }) => this.knowledge.documentsPage(clinicId, limit, after ?? null),
      map: toKnowledgeDocument,
    });
  }

  @Mutation(() => KnowledgeUpload, {
    description:
      "Ask for a URL to upload a PDF (at most 20 MB) for `addKnowledgeDocument`. Platform admins (for the platform or any clinic) and a clinic's admins (for their clinic); FORBIDDEN otherwise.",
  })
  async requestKnowledgeUpload(
    @Arg("input", () => RequestKnowledgeUploadInput, { description: "The clinic (if any) and the file." })
    input: RequestKnowledgeUploadInput,
    @Ctx() ctx: BaseContext,
  ): Promise<KnowledgeUpload> {
    const { fileId, target } = await this.documents.requestUpload(ctx, input);
    return {
      fileId,
      url: target.url,
      method: target.method,
      headers: toHttpHeaders(target.headers),
      expiresAt: target.expiresAt,
    };
  }

  @Mutation(() => KnowledgeDocument, {
    description:
      "Add a document the assistant answers from: Markdown or text in `content`, or an uploaded PDF in `fileId`. Platform admins add PLATFORM documents (used for everyone's questions) or CLINIC ones for any clinic; a clinic's admins add CLINIC documents for their clinic (used only for its staff's questions and questions about pets it has treated). FORBIDDEN for anyone else; BAD_USER_INPUT naming the field at fault.",
  })
  async addKnowledgeDocument(
    @Arg("input", () => AddKnowledgeDocumentInput, { description: "The document." }) input: AddKnowledgeDocumentInput,
    @Ctx() ctx: BaseContext,
  ): Promise<KnowledgeDocument> {
    return toKnowledgeDocument(await this.documents.add(ctx, input));
  }

  @Mutation(() => ID, {
    description:
      "Delete an added document: answers stop using it at once. Platform admins any; a clinic's admins their clinic's. Built-in articles are FORBIDDEN. Returns its id.",
  })
  async deleteKnowledgeDocument(
    @Arg("input", () => DeleteKnowledgeDocumentInput, { description: "The document." })
    input: DeleteKnowledgeDocumentInput,
    @Ctx() ctx: BaseContext,
  ): Promise<string> {
    return this.documents.delete(ctx, input.documentId);
  }

  @FieldResolver(() => String, { description: "Its text: Markdown, plain text, or the text extracted from the PDF." })
  async body(@Root() doc: KnowledgeDocument, @Ctx() ctx: AiContext): Promise<string> {
    // Only reached through a document the viewer may read; one statement for a listed page.
    return doc.body ?? (await ctx.loaders.documentBodies.load(doc.id))?.body ?? "";
  }
}
