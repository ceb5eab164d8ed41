import { print, type FormattedExecutionResult } from "graphql";
import type { Client, SubscribePayload } from "graphql-ws";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RunningGateway } from "@pawgraph/gateway";
import {
  CreatePetDocument,
  MeDocument,
  MessageAddedDocument,
  SendMessageDocument,
  StartConversationDocument,
  UserByIdDocument,
  type MeQuery,
} from "../clients/__generated__/graphql";
import {
  jwksUrlOf,
  subgraphUrls,
  adminToken,
  execute,
  onlyError,
  post,
  registerClinic,
  registerUser,
  startStack,
  startTestGateway,
  type Stack,
} from "./harness";
import { openSocket, settle } from "./ws";

const MANIFEST = resolve(__dirname, "../clients/__generated__/persisted-documents.json");

/** The id codegen gave a typed document (`sha256:<hex>`), as an app built with it sends. */
function idOf(document: object): string {
  const id = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!id) throw new Error("the typed document carries no persisted-document id: run `npm run generate`");
  return id;
}
const hexOf = (id: string) => id.replace(/^sha256:/, "");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** One operation over a graphql-ws socket: its first result, or the error that ended it. */
function overSocket(
  client: Client,
  payload: SubscribePayload & { documentId?: string },
): Promise<FormattedExecutionResult | { errors: unknown }> {
  return new Promise((done) => {
    client.subscribe(payload, {
      next: (result) => done(result as FormattedExecutionResult),
      error: (errors) => done({ errors }),
      complete: () => undefined,
    });
  });
}

describe("trusted documents: apps send the id of a document from clients/operations", () => {
  let stack: Stack;
  let requiring: RunningGateway;
  let off: RunningGateway;
  let owner: Awaited<ReturnType<typeof registerUser>>;
  let admin: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    stack = await startStack();
    const urls = subgraphUrls(stack);
    const jwksUrl = jwksUrlOf(stack);
    requiring = await startTestGateway(urls, jwksUrl, {
      trustedDocuments: { mode: "require", manifestPaths: [MANIFEST] },
    });
    off = await startTestGateway(urls, jwksUrl, { trustedDocuments: { mode: "off", manifestPaths: [MANIFEST] } });
    owner = await registerUser(stack);
    admin = await adminToken(stack);
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await requiring.stop();
    await off.stop();
    await stack.stop();
  });

  const socket = (url: string, token: string) => {
    const client = openSocket(url, token);
    sockets.push(client);
    return client;
  };
  const me = (userId: string) => ({ me: expect.objectContaining({ id: userId }) });

  describe("by default (allow)", () => {
    it("runs a typed operation sent by its documentId alone", async () => {
      const response = await post<MeQuery>(stack.gateway.url, { documentId: idOf(MeDocument) }, owner.token);
      expect(response).toEqual({ status: 200, data: me(owner.user.id) });
    });

    it("takes the id as a bare hex too, and with variables", async () => {
      const response = await post(
        stack.gateway.url,
        { documentId: hexOf(idOf(UserByIdDocument)), variables: { id: owner.user.id } },
        owner.token,
      );
      expect(response).toEqual({
        status: 200,
        data: { user: { id: owner.user.id, displayName: owner.user.displayName, email: owner.email } },
      });
    });

    it("takes a documentId in a GET query string (cacheable by a CDN)", async () => {
      const response = await fetch(`${stack.gateway.url}?documentId=${encodeURIComponent(idOf(MeDocument))}`, {
        headers: { authorization: `Bearer ${owner.token}`, "apollo-require-preflight": "true" },
      });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 200,
        body: { data: me(owner.user.id) },
      });
    });

    it("runs a manifest document named by its Apollo APQ hash, with or without the text", async () => {
      const persistedQuery = { version: 1, sha256Hash: hexOf(idOf(MeDocument)) };
      expect(await post(stack.gateway.url, { extensions: { persistedQuery } }, owner.token)).toEqual({
        status: 200,
        data: me(owner.user.id),
      });
      // Apollo Client prints the document its own way and sends that text with the hash: the manifest's text runs.
      expect(
        await post(stack.gateway.url, { query: print(MeDocument), extensions: { persistedQuery } }, owner.token),
      ).toEqual({ status: 200, data: me(owner.user.id) });
      // generateHash: (doc) => doc.__meta__.hash sends the id with its `sha256:` prefix.
      const prefixed = { version: 1, sha256Hash: idOf(MeDocument) };
      expect(
        await post(
          stack.gateway.url,
          { query: print(MeDocument), extensions: { persistedQuery: prefixed } },
          owner.token,
        ),
      ).toEqual({ status: 200, data: me(owner.user.id) });
      expect(await post(stack.gateway.url, { extensions: { persistedQuery: prefixed } }, owner.token)).toEqual({
        status: 200,
        data: me(owner.user.id),
      });
    });

    it("still runs documents outside the manifest (Sandbox, tools), and APQ registers them as usual", async () => {
      const query = "query OwnName { me { displayName } }";
      expect((await post(stack.gateway.url, { query }, owner.token)).data).toEqual({
        me: { displayName: owner.user.displayName },
      });
      const hash = sha256(query);
      const unknown = await post(
        stack.gateway.url,
        { extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^./, "0") } } },
        owner.token,
      );
      expect(onlyError(unknown).extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
      const registered = await post(
        stack.gateway.url,
        { query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
        owner.token,
      );
      expect(registered.data).toEqual({ me: { displayName: owner.user.displayName } });
      expect(
        (
          await post(
            stack.gateway.url,
            { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
            owner.token,
          )
        ).data,
      ).toEqual({ me: { displayName: owner.user.displayName } });
    });

    it("answers an unknown or malformed documentId with PERSISTED_QUERY_NOT_FOUND, never a 500", async () => {
      for (const documentId of [`sha256:${"0".repeat(64)}`, "0".repeat(64), "sha256:not-hex", "", 42, { id: 1 }]) {
        const response = await post(stack.gateway.url, { documentId }, owner.token);
        expect({ documentId, status: response.status, code: onlyError(response).extensions?.code }).toEqual({
          documentId,
          status: 400,
          code: "PERSISTED_QUERY_NOT_FOUND",
        });
      }
    });

    it("takes a documentId over WebSocket", async () => {
      const client = socket(stack.gateway.wsUrl, owner.token);
      expect(await overSocket(client, { query: "", documentId: idOf(MeDocument) })).toEqual({
        data: me(owner.user.id),
      });
      expect(
        await overSocket(client, {
          query: "",
          extensions: { persistedQuery: { version: 1, sha256Hash: hexOf(idOf(MeDocument)) } },
        }),
      ).toEqual({ data: me(owner.user.id) });
      const unknown = (await overSocket(client, { query: "", documentId: `sha256:${"0".repeat(64)}` })) as {
        errors: { extensions: { code: string } }[];
      };
      expect(unknown.errors.map((e) => e.extensions.code)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    });
  });

  describe("TRUSTED_DOCUMENTS=require", () => {
    it("refuses a document outside the manifest, before running it", async () => {
      const response = await post(requiring.url, { query: "{ me { id email } }" }, owner.token);
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(onlyError(response).extensions?.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
      const anonymous = await post(requiring.url, { query: "{ __schema { types { name } } }" });
      expect(onlyError(anonymous).extensions?.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
    });

    it("runs the same operation sent by its documentId, by APQ hash, or as the manifest's exact text", async () => {
      expect(await post(requiring.url, { documentId: idOf(MeDocument) }, owner.token)).toEqual({
        status: 200,
        data: me(owner.user.id),
      });
      expect(
        await post(
          requiring.url,
          { extensions: { persistedQuery: { version: 1, sha256Hash: hexOf(idOf(MeDocument)) } } },
          owner.token,
        ),
      ).toEqual({ status: 200, data: me(owner.user.id) });
      const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, string>;
      expect(await post(requiring.url, { query: manifest[idOf(MeDocument)] }, owner.token)).toEqual({
        status: 200,
        data: me(owner.user.id),
      });
    });

    it("refuses to register an ad-hoc document through APQ", async () => {
      const query = "{ me { id } }";
      const sha256Hash = sha256(query);
      const response = await post(
        requiring.url,
        { query, extensions: { persistedQuery: { version: 1, sha256Hash } } },
        owner.token,
      );
      expect(onlyError(response).extensions?.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
    });

    it("answers a bad token with UNAUTHENTICATED, not a refusal that hides it", async () => {
      const response = await post(requiring.url, { query: "{ me { id } }" }, "not-a-token");
      expect({ status: response.status, code: onlyError(response).extensions?.code }).toEqual({
        status: 401,
        code: "UNAUTHENTICATED",
      });
    });

    it("answers a hash outside the manifest with PERSISTED_QUERY_NOT_FOUND, even when an admin registered its text", async () => {
      const query = "query AdminOnly { me { roles } }";
      const persistedQuery = { version: 1, sha256Hash: sha256(query) };
      expect((await post(requiring.url, { query, extensions: { persistedQuery } }, admin)).data).toEqual({
        me: { roles: expect.arrayContaining(["PLATFORM_ADMIN"]) },
      });
      expect((await post(requiring.url, { extensions: { persistedQuery } }, admin)).data).toEqual({
        me: { roles: expect.arrayContaining(["PLATFORM_ADMIN"]) },
      });
      // 200 as Apollo Server answers an APQ miss: Apollo Client then retries with the text, which is refused.
      const response = await post(requiring.url, { extensions: { persistedQuery } }, owner.token);
      expect({ status: response.status, code: onlyError(response).extensions?.code }).toEqual({
        status: 200,
        code: "PERSISTED_QUERY_NOT_FOUND",
      });
    });

    it("lets a platform admin send any document", async () => {
      const response = await post(requiring.url, { query: "{ me { roles } }" }, admin);
      expect(response).toEqual({ status: 200, data: { me: { roles: expect.arrayContaining(["PLATFORM_ADMIN"]) } } });
    });

    it("holds on WebSocket too: ids run, ad-hoc documents are refused except for platform admins", async () => {
      const client = socket(requiring.wsUrl, owner.token);
      expect(await overSocket(client, { query: "", documentId: idOf(MeDocument) })).toEqual({
        data: me(owner.user.id),
      });
      const refused = (await overSocket(client, { query: "{ me { id } }" })) as {
        errors: { extensions: { code: string } }[];
      };
      expect(refused.errors.map((e) => e.extensions.code)).toEqual(["TRUSTED_DOCUMENT_REQUIRED"]);
      const unknown = (await overSocket(client, { query: "", documentId: "sha256:unknown" })) as {
        errors: { extensions: { code: string } }[];
      };
      expect(unknown.errors.map((e) => e.extensions.code)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
      // The socket survives the refusals.
      expect(
        await overSocket(client, {
          query: "",
          extensions: { persistedQuery: { version: 1, sha256Hash: hexOf(idOf(MeDocument)) } },
        }),
      ).toEqual({ data: me(owner.user.id) });
      const adminSocket = socket(requiring.wsUrl, admin);
      expect(await overSocket(adminSocket, { query: "{ me { roles } }" })).toEqual({
        data: { me: { roles: expect.arrayContaining(["PLATFORM_ADMIN"]) } },
      });
    });

    it("runs a live subscription and the mutations that feed it, all by documentId", async () => {
      const byId = async <T>(document: object, variables: Record<string, unknown>) =>
        (await post<T>(requiring.url, { documentId: idOf(document), variables }, owner.token)).data!;
      const { createPet } = await byId<{ createPet: { id: string } }>(CreatePetDocument, {
        input: { name: "Rex", species: "DOG" },
      });
      const { clinicId } = await registerClinic(stack);
      const { startConversation } = await byId<{ startConversation: { id: string } }>(StartConversationDocument, {
        input: { clinicId, petId: createPet.id, subject: "Limping", text: "Rex limps." },
      });
      const live = new Promise<FormattedExecutionResult>((done) => {
        socket(requiring.wsUrl, owner.token).subscribe(
          {
            query: "",
            documentId: idOf(MessageAddedDocument),
            variables: { conversationId: startConversation.id },
          } as SubscribePayload,
          {
            next: (result) => done(result as FormattedExecutionResult),
            error: (errors) => done({ errors: errors as never }),
            complete: () => undefined,
          },
        );
      });
      await settle();
      await byId(SendMessageDocument, { input: { conversationId: startConversation.id, text: "Still limping." } });
      const seen = await live;
      expect(seen.errors).toBeUndefined();
      expect(seen.data?.messageAdded).toMatchObject({
        text: "Still limping.",
        conversation: { id: startConversation.id, pet: { name: "Rex" } },
      });
    });

    it("counts a typed document printed another way as ad-hoc: apps send ids", async () => {
      // execute() prints with graphql-js, whose text is not the manifest's.
      const printed = await execute(requiring.url, MeDocument, {}, owner.token);
      expect(onlyError(printed).extensions?.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
    });
  });

  describe("TRUSTED_DOCUMENTS=off", () => {
    it("runs any document and says document ids are not supported", async () => {
      expect((await post(off.url, { query: "{ me { id } }" }, owner.token)).data).toEqual({
        me: { id: owner.user.id },
      });
      const byId = await post(off.url, { documentId: idOf(MeDocument) }, owner.token);
      expect({ status: byId.status, code: onlyError(byId).extensions?.code }).toEqual({
        status: 400,
        code: "PERSISTED_QUERY_NOT_SUPPORTED",
      });
    });
  });
});
