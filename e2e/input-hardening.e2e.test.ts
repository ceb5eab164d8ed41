import { randomUUID } from "node:crypto";
import type { GraphQLFormattedError } from "graphql";
import {
  AddHomeNoteDocument,
  CreateClinicDocument,
  CreatePetDocument,
  MyConversationsDocument,
  MyPetsDocument,
  PetHealthTimelineDocument,
  RecordWeightDocument,
  RegisterDocument,
  StartConversationDocument,
  UpdatePetDocument,
} from "../clients/__generated__/graphql";
import { GATEWAY_SECRET_HEADER } from "@pawgraph/subgraph-kit";
import { ownerWithPet } from "./bookings-fixtures";
import {
  jwksUrlOf,
  subgraphUrls,
  createdPet,
  execute,
  login,
  onlyError,
  post,
  registerUser,
  startStack,
  startTestGateway,
  uniqueEmail,
  type GraphQLResponse,
  type Stack,
} from "./harness";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { openSocket, subscribe } from "./ws";

// Issue 10: bad input is BAD_USER_INPUT naming the field, never a 500, and errors leak nothing.

// A secret of this file's own, so the zero-trust case can call a subgraph directly as the gateway would.
const SECRET = `input-hardening-${randomUUID()}`;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ gatewaySecret: SECRET });
});
afterAll(() => stack.stop());

/** The one error of a refused request: BAD_USER_INPUT on `field`, no 5xx, nothing from inside. */
function expectRefused(response: GraphQLResponse<unknown>, field: string): GraphQLFormattedError {
  expect(response.status).toBeLessThan(500);
  const error = onlyError(response);
  expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  expectNoLeak(response);
  return error;
}

/** No subgraph address, raw subgraph answer or stack trace in what a client sees. */
function expectNoLeak(response: GraphQLResponse<unknown>): void {
  const text = JSON.stringify(response);
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|"response"|stacktrace|\s+at \w/);
}

describe("strings with NUL or a lone surrogate", () => {
  it("are refused in every subgraph's text fields, naming the field, and nothing is written", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    const nul = "Rex\u0000; DROP";
    const anon = await execute(stack.gateway.url, RegisterDocument, {
      input: { email: uniqueEmail("nul"), password: "a long enough passphrase", displayName: nul },
    });
    expectRefused(anon, "input.displayName");

    const email = uniqueEmail("nul-email");
    expectRefused(
      await execute(stack.gateway.url, RegisterDocument, {
        input: { email: `${email}\u0000`, password: "a long enough passphrase", displayName: "Nul" },
      }),
      "input.email",
    );
    expect((await login(stack, email)).data?.login.__typename).toBe("InvalidCredentialsError");

    expectRefused(
      await execute(
        stack.gateway.url,
        CreatePetDocument,
        { input: { name: "Fido", species: "DOG", breed: nul } },
        owner.token,
      ),
      "input.breed",
    );
    expectRefused(
      await execute(stack.gateway.url, UpdatePetDocument, { input: { id: petId, colour: "\uD800brown" } }, owner.token),
      "input.colour",
    );
    expectRefused(
      await execute(stack.gateway.url, AddHomeNoteDocument, { input: { petId, text: nul } }, owner.token),
      "input.text",
    );
    expectRefused(
      await execute(
        stack.gateway.url,
        CreateClinicDocument,
        {
          input: {
            name: nul,
            addressLine: "a",
            city: "b",
            postalCode: "1",
            country: "DE",
            latitude: 52,
            longitude: 13,
            timeZone: "Europe/Berlin",
          },
        },
        owner.token,
      ),
      "input.name",
    );
    expectRefused(
      await execute(
        stack.gateway.url,
        StartConversationDocument,
        { input: { clinicId: randomUUID(), petId, subject: "Limping", text: `\uDC00${nul}` } },
        owner.token,
      ),
      "input.text",
    );

    // Written into the document instead of a variable: the argument path names the field.
    const literal = await post(
      stack.gateway.url,
      { query: `mutation { createPet(input: { name: "Nul\\u0000", species: CAT }) { __typename } }` },
      owner.token,
    );
    expectRefused(literal, "input.name");

    const pets = await execute(stack.gateway.url, MyPetsDocument, {}, owner.token);
    expect(pets.data?.myPets!.edges).toHaveLength(1);
    const timeline = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, owner.token);
    expect(timeline.data?.pet!.healthTimeline!.edges).toEqual([]);
    const conversations = await execute(stack.gateway.url, MyConversationsDocument, {}, owner.token);
    expect(conversations.data?.myConversations!.edges).toEqual([]);
  });
});

describe("every subgraph checks input itself (zero trust), with the kit's guard and scalars", () => {
  it("refuses NUL and impossible dates sent straight to a subgraph", async () => {
    const { token } = await registerUser(stack);
    const asGateway = (query: string, variables: Record<string, unknown>) =>
      post(stack.pets.url, { query, variables }, token, { [GATEWAY_SECRET_HEADER]: SECRET });
    const create = "mutation($input: CreatePetInput!) { createPet(input: $input) { __typename } }";
    expectRefused(await asGateway(create, { input: { name: "Nul\u0000", species: "DOG" } }), "input.name");
    expectRefused(
      await asGateway(create, { input: { name: "Datey", species: "DOG", dateOfBirth: "2025-02-30" } }),
      "input.dateOfBirth",
    );
    expectRefused(
      await post(
        stack.pets.url,
        { query: `mutation { createPet(input: { name: "Inf", species: DOG, weightKg: 1e999 }) { __typename } }` },
        token,
        { [GATEWAY_SECRET_HEADER]: SECRET },
      ),
      "input.weightKg",
    );
  });

  it("refuses a NUL written into a subscription's text at a subgraph's own WebSocket", async () => {
    // As the gateway connects: the secret in connection_init.
    const client = createClient({
      url: stack.messaging.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { gatewaySecret: SECRET },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    try {
      const operation = subscribe<unknown, Record<string, unknown>>(
        client,
        'subscription { messageAdded(conversationId: "x\\u0000") { id } }',
      );
      const ended = await operation.ended;
      expect("error" in ended && (ended.error as GraphQLFormattedError[])[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "conversationId",
      });
    } finally {
      await client.dispose();
    }
  });
});

describe("over WebSocket", () => {
  it("the same checks, coded the same way, and no suggestions", async () => {
    const { token } = await registerUser(stack);
    const client = openSocket(stack.gateway.wsUrl, token);
    try {
      const outcome = async (query: string, variables?: Record<string, unknown>) => {
        const operation = subscribe<unknown, Record<string, unknown>>(client, query, variables);
        const ended = await operation.ended;
        return "error" in ended ? (ended.error as GraphQLFormattedError[]) : (operation.results[0]?.errors ?? []);
      };
      const nul = await outcome("subscription($id: ID!) { messageAdded(conversationId: $id) { id } }", {
        id: "x\u0000",
      });
      expect(nul[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
      const nulLiteral = await outcome('subscription { messageAdded(conversationId: "x\\u0000") { id } }');
      expect(nulLiteral[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "conversationId" });
      const badDate = await outcome("mutation($input: CreatePetInput!) { createPet(input: $input) { __typename } }", {
        input: { name: "Ws", species: "DOG", dateOfBirth: "2025-02-30" },
      });
      expect(badDate[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.dateOfBirth" });
      const infinite = await outcome(
        `mutation { recordWeight(input: { petId: "${randomUUID()}", weightKg: 1e999 }) { weightKg } }`,
      );
      expect(infinite[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.weightKg" });
      const typo = await outcome("subscription { conversationUpdatd { id } }");
      expect(typo[0]?.message).not.toMatch(/Did you mean/);
      expect(JSON.stringify([nul, badDate, infinite, typo])).not.toMatch(
        /127\.0\.0\.1|localhost|"response"|stacktrace/,
      );
    } finally {
      await client.dispose();
    }
  });
});

describe("dates", () => {
  it("a date that is not in the calendar, or not a date, is refused at the edge naming the field, without the subgraph's URL or answer", async () => {
    const owner = await registerUser(stack);
    for (const dateOfBirth of ["2025-02-30", "not-a-date", "2025-13-01", "2023-02-29"]) {
      const response = await execute(
        stack.gateway.url,
        CreatePetDocument,
        { input: { name: "Datey", species: "DOG", dateOfBirth } },
        owner.token,
      );
      expectRefused(response, "input.dateOfBirth");
    }
    expect(
      createdPet(
        await execute(
          stack.gateway.url,
          CreatePetDocument,
          { input: { name: "Leap", species: "DOG", dateOfBirth: "2024-02-29" } },
          owner.token,
        ),
      ).dateOfBirth,
    ).toBe("2024-02-29");

    const badTime = await post(
      stack.gateway.url,
      {
        query: `query($from: DateTimeISO!, $to: DateTimeISO!) { availableSlots(clinicId: "${randomUUID()}", serviceId: "${randomUUID()}", from: $from, to: $to) { startsAt } }`,
        variables: { from: "2025-02-30T10:00:00Z", to: "2025-03-01T10:00:00Z" },
      },
      owner.token,
    );
    expectRefused(badTime, "from");
    const badHour = await post(
      stack.gateway.url,
      {
        query: `query($from: DateTimeISO!, $to: DateTimeISO!) { availableSlots(clinicId: "${randomUUID()}", serviceId: "${randomUUID()}", from: $from, to: $to) { startsAt } }`,
        variables: { from: "2025-03-01T10:00:00Z", to: "2025-03-01T25:00:00Z" },
      },
      owner.token,
    );
    expectRefused(badHour, "to");
  });

  it("a birth date before 1900 and a health record before 1990 are implausible", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    expectRefused(
      await execute(
        stack.gateway.url,
        CreatePetDocument,
        { input: { name: "Old", species: "CAT", dateOfBirth: "0000-01-01" } },
        owner.token,
      ),
      "input.dateOfBirth",
    );
    expectRefused(
      await execute(
        stack.gateway.url,
        UpdatePetDocument,
        { input: { id: petId, dateOfBirth: "1899-12-31" } },
        owner.token,
      ),
      "input.dateOfBirth",
    );
    expectRefused(
      await execute(
        stack.gateway.url,
        AddHomeNoteDocument,
        { input: { petId, text: "Ate grass", occurredAt: "1989-12-31T12:00:00Z" } },
        owner.token,
      ),
      "input.occurredAt",
    );
    expectRefused(
      await execute(
        stack.gateway.url,
        RecordWeightDocument,
        { input: { petId, weightKg: 12, measuredAt: "1980-01-01T00:00:00Z" } },
        owner.token,
      ),
      "input.measuredAt",
    );

    const ok = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: petId, dateOfBirth: "1900-01-01" } },
      owner.token,
    );
    expect(ok.data?.updatePet).toMatchObject({ __typename: "Pet", dateOfBirth: "1900-01-01" });
    const timeline = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, owner.token);
    expect(timeline.data?.pet!.healthTimeline!.edges).toEqual([]);
  });
});

describe("numbers", () => {
  it("1e999 (Infinity) is refused, as a literal and as a variable", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    const literal = await post(
      stack.gateway.url,
      { query: `mutation { recordWeight(input: { petId: "${petId}", weightKg: 1e999 }) { weightKg } }` },
      owner.token,
    );
    expectRefused(literal, "input.weightKg");
    const asVariable = await post(
      stack.gateway.url,
      `{"query":"mutation($input: RecordWeightInput!) { recordWeight(input: $input) { weightKg } }","variables":{"input":{"petId":"${petId}","weightKg":1e999}}}`,
      owner.token,
    );
    expectRefused(asVariable, "input.weightKg");
  });
});

describe("subscriptions over HTTP", () => {
  it("answer 400 and point at graphql-ws on the same URL", async () => {
    const { token } = await registerUser(stack);
    const response = await post(stack.gateway.url, { query: "subscription { conversationUpdated { id } }" }, token);
    expect(response.status).toBe(400);
    const error = onlyError(response);
    expect(error.extensions?.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/WebSocket.*graphql-ws|graphql-ws.*WebSocket/);
    expectNoLeak(response);
  });
});

describe("a subgraph's refusal seen through the gateway", () => {
  it("carries its code, never the subgraph's URL or raw answer (extensions.response)", async () => {
    // A gateway with the wrong secret: every subgraph refuses (HTTP 401) before executing anything.
    const urls = subgraphUrls(stack);
    const misconfigured = await startTestGateway(urls, jwksUrlOf(stack), { gatewaySecret: "not-the-secret" });
    try {
      const { token } = await registerUser(stack);
      const response = await execute(misconfigured.url, MyPetsDocument, {}, token);
      expect(response.status).toBeLessThan(500);
      const { code, ...rest } = onlyError(response).extensions ?? {};
      expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(code);
      expect(Object.keys(rest).filter((key) => key !== "serviceName")).toEqual([]);
      expectNoLeak(response);
    } finally {
      await misconfigured.stop();
    }
  });
});

describe("schema details", () => {
  it("field suggestions are hidden outside development (tests run NODE_ENV=test)", async () => {
    const response = await post(stack.gateway.url, { query: "{ myPetz { edges { cursor } } }" });
    expect(onlyError(response).message).not.toMatch(/Did you mean/);
    expect(onlyError(response).extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
