// `npm start`: the whole stack on one machine. Without DATABASE_URL it first starts the embedded
// PostgreSQL under .data/; then every subgraph in supergraph.yaml, then the gateway, with prefixed
// logs; seeds demo data on first run and prints where Sandbox is.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { ensureEmbeddedPostgres } from "./embedded-postgres.mjs";
import { seedDemoCatalog } from "./demo/seed-catalog.mjs";
import { seedDemoOrders } from "./demo/seed-orders.mjs";
import { seedDemoAi } from "./demo/seed-ai.mjs";
import { seedDemoPlans } from "./demo/seed-plans.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const config = parse(readFileSync(resolve(root, "supergraph.yaml"), "utf8"));
const gatewayPort = Number(process.env.GATEWAY_PORT ?? process.env.PORT ?? 4000);
const colours = [36, 35, 33, 32, 34, 31, 96, 95, 93];
const children = [];
let stopDatabase = async () => {};
let stopping = false;

const say = (message) => console.log(`\x1b[1m[pawgraph]\x1b[0m ${message}`);

function run(name, cwd, env, colour) {
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "src/main.ts"], {
    cwd,
    // A development stack unless told otherwise: Sandbox users see GraphQL's "Did you mean ...?" hints.
    env: {
      LOG_PRETTY: process.stdout.isTTY ? "1" : (process.env.LOG_PRETTY ?? "0"),
      NODE_ENV: "development",
      ...process.env,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = `\x1b[${colour}m[${name.padEnd(9)}]\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + "\n");
    });
  }
  child.on("exit", (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function waitReady(name, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000}s`);
}

async function graphql(query, variables, token) {
  const response = await fetch(`http://localhost:${gatewayPort}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data;
}

const DEMO_PASSWORD = "pawgraph-demo";

async function signIn(email) {
  const data = await graphql(
    `
      mutation ($input: LoginInput!) {
        login(input: $input) {
          __typename
          ... on AuthPayload {
            accessToken
          }
        }
      }
    `,
    { input: { email, password: DEMO_PASSWORD } },
  );
  return data.login.accessToken;
}

/**
 * The demo clinic in Berlin: created by the platform admin, approved, with a consultation and a
 * tele-vet service; Dr. Vera Vet works there Monday to Saturday, 09:00-17:00 local time.
 */
async function seedDemoClinic() {
  const admin = await signIn("admin@pawgraph.dev");
  const clinic = await graphql(
    `
      mutation ($input: CreateClinicInput!) {
        createClinic(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        name: "Pawgraph Demo Clinic",
        addressLine: "Invalidenstraße 43",
        city: "Berlin",
        postalCode: "10115",
        country: "DE",
        latitude: 52.5302,
        longitude: 13.3796,
        timeZone: "Europe/Berlin",
        phone: "+49 30 0000000",
        openingHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: "08:30", closes: "17:30" })),
      },
    },
    admin,
  );
  const clinicId = clinic.createClinic.id;
  await graphql(
    `
      mutation ($input: ReviewClinicInput!) {
        reviewClinic(input: $input) {
          id
        }
      }
    `,
    { input: { clinicId, approve: true } },
    admin,
  );
  const users = await graphql(
    `
      {
        me {
          id
        }
      }
    `,
    {},
    await signIn("vera.vet@pawgraph.dev"),
  );
  const grant = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`;
  await graphql(grant, { input: { userId: users.me.id, role: "VET", clinicId } }, admin);
  const adminId = (
    await graphql(
      `
        {
          me {
            id
          }
        }
      `,
      {},
      admin,
    )
  ).me.id;
  await graphql(grant, { input: { userId: adminId, role: "CLINIC_ADMIN", clinicId } }, admin);
  const clinicAdmin = await signIn("admin@pawgraph.dev");
  const addService = `mutation($input: AddClinicServiceInput!) { addClinicService(input: $input) { id } }`;
  await graphql(
    addService,
    {
      input: {
        clinicId,
        name: "Consultation",
        durationMinutes: 20,
        priceCents: 4500,
        kind: "IN_PERSON",
        bufferAfterMinutes: 10,
      },
    },
    clinicAdmin,
  );
  await graphql(
    addService,
    {
      input: {
        clinicId,
        name: "Tele-vet call",
        durationMinutes: 15,
        priceCents: 2500,
        kind: "TELEVET",
        species: ["DOG", "CAT"],
      },
    },
    clinicAdmin,
  );
  await graphql(
    `
      mutation ($input: SetVetHoursInput!) {
        setVetHours(input: $input) {
          vet {
            id
          }
        }
      }
    `,
    {
      input: {
        clinicId,
        vetId: users.me.id,
        hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, starts: "09:00", ends: "17:00" })),
      },
    },
    clinicAdmin,
  );
  return clinicId;
}

/** Demo pets, created through the gateway like any client would, once. */
async function seedDemoPets() {
  const anna = await signIn("anna@pawgraph.dev");
  const ben = await signIn("ben@pawgraph.dev");
  if (!anna || !ben) return say("demo accounts not found (was identity seeded?); skipping demo pets");
  const existing = await graphql(
    `
      {
        myPets(first: 1) {
          edges {
            cursor
          }
        }
      }
    `,
    {},
    anna,
  );
  if (existing.myPets.edges.length > 0) return;
  const create = `mutation($input: CreatePetInput!) { createPet(input: $input) { ... on Pet { id } } }`;
  const rex = await graphql(
    create,
    {
      input: {
        name: "Rex",
        species: "DOG",
        breed: "Border Collie",
        sex: "MALE",
        neutered: true,
        dateOfBirth: "2019-06-14",
        colour: "black and white",
        microchipId: "276098106000001",
        weightKg: 19.4,
      },
    },
    anna,
  );
  const luna = await graphql(
    create,
    {
      input: {
        name: "Luna",
        species: "CAT",
        breed: "Maine Coon",
        sex: "FEMALE",
        dateOfBirth: "2021-03-02",
        weightKg: 5.8,
      },
    },
    anna,
  );
  await graphql(
    create,
    {
      input: {
        name: "Bello",
        species: "DOG",
        breed: "Dachshund",
        sex: "MALE",
        dateOfBirth: "2017-11-20",
        weightKg: 9.1,
      },
    },
    ben,
  );
  await graphql(
    `
      mutation ($input: AddCarerInput!) {
        addCarer(input: $input) {
          id
        }
      }
    `,
    { input: { petId: luna.createPet.id, email: "ben@pawgraph.dev" } },
    anna,
  );
  for (const [daysAgo, weightKg] of [
    [365, 18.2],
    [180, 18.9],
  ]) {
    const measuredAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    await graphql(
      `
        mutation ($input: RecordWeightInput!) {
          recordWeight(input: $input) {
            id
          }
        }
      `,
      { input: { petId: rex.createPet.id, weightKg, measuredAt } },
      anna,
    );
  }
  const clinicId = await seedDemoClinic();
  // Anna lets the demo clinic see Rex's record; Dr. Vera Vet records a check-up with a rabies booster.
  await graphql(
    `
      mutation ($input: GrantRecordAccessInput!) {
        grantRecordAccess(input: $input) {
          id
        }
      }
    `,
    { input: { petId: rex.createPet.id, clinicId } },
    anna,
  );
  const vera = await signIn("vera.vet@pawgraph.dev");
  await graphql(
    `
      mutation ($input: RecordVisitInput!) {
        recordVisit(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        petId: rex.createPet.id,
        occurredAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
        reason: "Annual check-up",
        subjective: "Owner reports good appetite and energy.",
        objective: "Weight 19.4 kg, T 38.5 °C, heart and lungs normal.",
        assessment: "Healthy adult dog.",
        plan: "Rabies booster given. Recheck in 12 months.",
        diagnoses: [{ text: "Healthy, no abnormalities found" }],
        vaccinations: [
          { vaccine: "Nobivac Rabies", vaccineCode: "RABIES", manufacturer: "MSD Animal Health", lotNumber: "A123B45" },
        ],
      },
    },
    vera,
  );
  await graphql(
    `
      mutation ($input: RecordAllergyInput!) {
        recordAllergy(input: $input) {
          id
        }
      }
    `,
    { input: { petId: rex.createPet.id, substance: "Chicken protein", reaction: "Itchy skin", severity: "MILD" } },
    vera,
  );
  // A conversation between Anna and the clinic about Rex, with Vera's reply, to try live chat on.
  const conversation = await graphql(
    `
      mutation ($input: StartConversationInput!) {
        startConversation(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        clinicId,
        petId: rex.createPet.id,
        subject: "Rex scratches his left ear",
        text: "Hi, Rex keeps scratching his left ear since Sunday. Should we come in?",
      },
    },
    anna,
  );
  await graphql(
    `
      mutation ($input: SendMessageInput!) {
        sendMessage(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        conversationId: conversation.startConversation.id,
        text: "Hi Anna, please book a consultation this week; until then, keep the ear dry.",
      },
    },
    vera,
  );
  say(
    "seeded demo pets (Rex and Luna for Anna, Bello for Ben; Luna is shared with Ben), Rex's health record and a conversation with the demo clinic",
  );
}

/**
 * The React web app's build for the gateway to serve at /app/: WEB_APP_DIR when set, else
 * clients/web/dist, built first when it has no index.html (a few seconds). Undefined if the build fails.
 */
async function webAppDir() {
  if (process.env.WEB_APP_DIR) return process.env.WEB_APP_DIR;
  const dir = resolve(root, "clients/web/dist");
  if (existsSync(resolve(dir, "index.html"))) return dir;
  say("building the web app (clients/web) once; `npm run build -w @pawgraph/web` rebuilds it");
  const vite = resolve(root, "node_modules/vite/bin/vite.js");
  const build = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: resolve(root, "clients/web"),
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise((done) => build.once("exit", done));
  if (code === 0) return dir;
  say(`the web app did not build (exit ${code}): the gateway runs without it`);
  return undefined;
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children.reverse()) child.kill("SIGTERM");
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once("exit", r)) : null)),
  );
  await stopDatabase().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  if (!process.env.DATABASE_URL) {
    // The embedded PostgreSQL's port: not 5432, which a system PostgreSQL may hold.
    const port = Number(process.env.PAWGRAPH_PG_PORT ?? 25432);
    const db = await ensureEmbeddedPostgres({
      dataDir: resolve(root, ".data/postgres"),
      port,
      database: "pawgraph",
      log: say,
    });
    process.env.DATABASE_URL = db.url;
    stopDatabase = db.stop;
    say(`embedded PostgreSQL on port ${db.port} (data in ${db.dataDir}); set DATABASE_URL to use your own`);
  }
  const webApp = webAppDir().catch((error) => {
    say(`the web app did not build (${error.message}): the gateway runs without it`);
    return undefined;
  });
  const subgraphs = Object.entries(config.subgraphs);
  // Links the subgraphs hand out (files, calendar feeds, exports) start at the gateway, which forwards
  // them (docs/decisions/0060); <NAME>_PUBLIC_URL still overrides one subgraph's.
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${gatewayPort}`;
  subgraphs.forEach(([name, subgraph], i) => {
    const port = new URL(subgraph.routing_url).port;
    run(name, resolve(root, "subgraphs", name), { PORT: port, PUBLIC_URL: publicUrl }, colours[i % colours.length]);
  });
  await Promise.all(subgraphs.map(([name, s]) => waitReady(name, new URL("/readyz", s.routing_url).toString())));
  const appDir = await webApp;
  run(
    "gateway",
    resolve(root, "gateway"),
    { PORT: String(gatewayPort), ...(appDir ? { WEB_APP_DIR: appDir } : {}) },
    97,
  );
  await waitReady("gateway", `http://localhost:${gatewayPort}/readyz`);
  if ((process.env.SEED_DEMO_DATA ?? "true") !== "false" && process.env.NODE_ENV !== "production") {
    await seedDemoPets().catch((error) => say(`demo pets not seeded: ${error.message}`));
    await seedDemoCatalog({ graphql, signIn, say }).catch((error) => say(`demo shop not seeded: ${error.message}`));
    await seedDemoOrders({ graphql, signIn, say }).catch((error) => say(`demo checkout not seeded: ${error.message}`));
    await seedDemoAi({ graphql, signIn, say }).catch((error) => say(`assistant demo not seeded: ${error.message}`));
    await seedDemoPlans({ graphql, signIn, say }).catch((error) => say(`care plans not seeded: ${error.message}`));
  }
  console.log(`
\x1b[1mPawgraph is running.\x1b[0m
  Demo accounts (password "${DEMO_PASSWORD}"): anna@pawgraph.dev, ben@pawgraph.dev (owners),
  vera.vet@pawgraph.dev (vet at the Pawgraph Demo Clinic), admin@pawgraph.dev (platform admin),
  sam.shop@pawgraph.dev (runs Happy Tails, a shop: try  { searchProducts(query: "chicken") { totalCount } }).
  Sign in with the \`login\` mutation, then set the header  Authorization: Bearer <accessToken>
  and try:  { myPets { edges { node { name species owners { displayName } } } } }
  Ask the assistant (as Anna, with Rex's id):  mutation { askAssistant(input: { question: "Rex has been
  scratching his ears, what should I do?", petId: "<Rex's id>" }) { text citations { marker title link } } }

\x1b[1mApollo Sandbox: http://localhost:${gatewayPort}/graphql\x1b[0m   (Ctrl+C stops everything)
  No internet? GraphiQL, served by the gateway itself: http://localhost:${gatewayPort}/graphiql
${appDir ? `\x1b[1mWeb app: http://localhost:${gatewayPort}/app/\x1b[0m   (sign in as anna@pawgraph.dev)\n` : ""}`);
} catch (error) {
  say(`failed to start: ${error.message}`);
  await shutdown(1);
}
