import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import sharp from "sharp";
import {
  AddProductImageDocument,
  CompleteAttachmentUploadDocument,
  CompleteProductImageDocument,
  GrantRecordAccessDocument,
  MyCalendarFeedDocument,
  RecordVisitDocument,
  RequestAttachmentUploadDocument,
} from "../clients/__generated__/graphql";
import { approvedVendor, buildProduct, createCategory, createProduct, putUpload } from "./catalog-fixtures";
import {
  adminToken,
  createPet,
  execute,
  gatewayOriginOf,
  jwksUrlOf,
  registerClinic,
  registerClinicMember,
  registerUser,
  startStack,
  startTestGateway,
  subgraphUrls,
  type Stack,
} from "./harness";
import { startTcpProxy } from "./tcp-proxy";

/**
 * Every link a user receives (calendar feeds, signed file downloads and uploads) starts at the
 * gateway's origin; the gateway forwards it to the subgraph that serves it, which still decides
 * access by its signature or secret URL (docs/decisions/0060).
 */
let stack: Stack;
let origin: string;
beforeAll(async () => {
  stack = await startStack();
  origin = gatewayOriginOf(stack);
}, 120_000);
afterAll(() => stack?.stop());

const pdf = Buffer.from("%PDF-1.4\n% Pawgraph public link test\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

/** A vet's PDF attached to a visit, uploaded through its presigned URL; its download link as the owner sees it. */
async function uploadedAttachment(): Promise<{ uploadUrl: string; downloadUrl: string }> {
  const owner = await registerUser(stack, "owner");
  const petId = (await createPet(stack, owner.token)).id;
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId);
  await execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId } }, owner.token);
  const visit = await execute(stack.gateway.url, RecordVisitDocument, { input: { petId, reason: "Limp" } }, vet.token);
  const requested = await execute(
    stack.gateway.url,
    RequestAttachmentUploadDocument,
    {
      input: {
        petId,
        recordId: visit.data!.recordVisit.id,
        fileName: "report.pdf",
        contentType: "application/pdf",
        sizeBytes: pdf.length,
      },
    },
    vet.token,
  );
  const upload = requested.data!.requestAttachmentUpload;
  expect((await putUpload(upload, pdf)).status).toBe(200);
  const completed = await execute(
    stack.gateway.url,
    CompleteAttachmentUploadDocument,
    { input: { attachmentId: upload.attachment.id } },
    vet.token,
  );
  return { uploadUrl: upload.url, downloadUrl: completed.data!.completeAttachmentUpload.downloadUrl! };
}

/** A GET with a path sent exactly as written (fetch would resolve `%2e%2e` segments before sending). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("links through the gateway", () => {
  it("a calendar feed link starts at the gateway and serves the feed; an unknown token is bookings' 404", async () => {
    const owner = await registerUser(stack, "owner");
    const url = (await execute(stack.gateway.url, MyCalendarFeedDocument, { kind: "OWNER" }, owner.token)).data!.me!
      .calendarFeedUrl!;
    expect(url).toMatch(new RegExp(`^${origin}/calendar/[\\w-]+\\.ics$`));
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(feed.headers.get("cache-control")).toBe("private, max-age=300");
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR/);
    const unknown = await fetch(url.replace(/[^/]+\.ics$/, "not-a-token.ics"));
    expect([unknown.status, await unknown.text()]).toEqual([404, "Unknown calendar feed"]);
  });

  it("an EHR attachment is uploaded and downloaded through the gateway; a tampered link is ehr's 403", async () => {
    const { uploadUrl, downloadUrl } = await uploadedAttachment();
    expect(uploadUrl.startsWith(`${origin}/files/ehr/`)).toBe(true);
    expect(downloadUrl.startsWith(`${origin}/files/ehr/`)).toBe(true);
    const download = await fetch(downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-length")).toBe(String(pdf.length));
    expect(download.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''report.pdf");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    const head = await fetch(downloadUrl, { method: "HEAD" });
    expect([head.status, head.headers.get("content-length"), await head.text()]).toEqual([200, String(pdf.length), ""]);

    const stretched = new URL(downloadUrl);
    stretched.searchParams.set("exp", String(Number(stretched.searchParams.get("exp")) + 3600));
    const refused = await fetch(stretched);
    expect([refused.status, await refused.json()]).toEqual([
      403,
      { error: "FORBIDDEN", message: "Signature does not match" },
    ]);
    // A file link cannot be bent into another of ehr's routes, nor name a subgraph that does not exist.
    const escaped = await rawGet(origin, `/files/ehr/%2e%2e/%2e%2e/healthz`);
    expect(escaped).toEqual({ status: 404, body: "Not found" });
    expect((await fetch(`${origin}/files/nobody/a.pdf?sig=x&exp=1`)).status).toBe(404);
  });

  it("a catalog product image's renditions are served through the gateway as WebP", async () => {
    const [category, shop] = await Promise.all([
      createCategory(stack, await adminToken(stack)),
      approvedVendor(stack, "links-shop"),
    ]);
    const product = await createProduct(stack, shop.token, buildProduct(shop.vendorId, category.id));
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#3c8" } })
      .png()
      .toBuffer();
    const added = await execute(
      stack.gateway.url,
      AddProductImageDocument,
      {
        input: {
          productId: product.id,
          alt: "Bowl",
          file: { fileName: "bowl.png", contentType: "image/png", sizeBytes: png.length },
        },
      },
      shop.token,
    );
    const upload = added.data!.addProductImage;
    expect(upload.url.startsWith(`${origin}/files/catalog/`)).toBe(true);
    // The web app uploads from the browser: the preflight from an allowed origin is answered.
    const preflight = await fetch(upload.url, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "PUT",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");
    expect((await putUpload(upload, png)).status).toBe(200);
    const done = await execute(
      stack.gateway.url,
      CompleteProductImageDocument,
      { input: { imageId: upload.image.id } },
      shop.token,
    );
    const thumbnailUrl = done.data!.completeProductImage.thumbnailUrl!;
    expect(thumbnailUrl.startsWith(`${origin}/files/catalog/`)).toBe(true);
    const thumbnail = await fetch(thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({
      format: "webp",
      width: 200,
      height: 150,
    });
  });
});

/** A pass-through HTTP hop in front of a real subgraph that remembers the headers it was sent. */
async function recordingHop(target: string): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = [];
  const { hostname, port } = new URL(target);
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const onward = request({ hostname, port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(onward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: url.toString(), seen, server };
}

describe("what the gateway forwards", () => {
  it("passes the link's own headers and never the client's gateway secret, token or cookies", async () => {
    const { downloadUrl } = await uploadedAttachment();
    const hop = await recordingHop(stack.ehr.url);
    const gateway = await startTestGateway({ ...subgraphUrls(stack), ehr: hop.url }, jwksUrlOf(stack), {
      gatewaySecret: stack.gatewaySecret.secret,
    });
    try {
      const link = new URL(downloadUrl);
      const viaHop = `${new URL(gateway.url).origin}${link.pathname}${link.search}`;
      const download = await fetch(viaHop, {
        headers: {
          "x-gateway-secret": stack.gatewaySecret.secret,
          authorization: "Bearer someone-elses-token",
          cookie: "session=abc",
          "if-none-match": '"v1"',
          range: "bytes=0-9",
          "x-request-id": "public-link-test-1",
        },
      });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
      const [sent] = hop.seen.filter((headers) => headers["x-request-id"] === "public-link-test-1");
      expect(sent).toBeDefined();
      expect(sent!["x-gateway-secret"]).toBeUndefined();
      expect(sent!.authorization).toBeUndefined();
      expect(sent!.cookie).toBeUndefined();
      expect(sent!["if-none-match"]).toBe('"v1"');
      expect(sent!.range).toBe("bytes=0-9");
    } finally {
      await gateway.stop();
      await new Promise((resolve) => hop.server.close(resolve));
    }
  });
});

describe("a subgraph that is down or silent", () => {
  let silent: ReturnType<typeof createTcpServer>;
  const held: Socket[] = [];
  const timeoutBefore = process.env.SUBGRAPH_TIMEOUT_MS;
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
    if (timeoutBefore === undefined) delete process.env.SUBGRAPH_TIMEOUT_MS;
    else process.env.SUBGRAPH_TIMEOUT_MS = timeoutBefore;
  });

  it("a stopped subgraph answers 502 at once, one that never answers 504 after the timeout; never 500 or a hang", async () => {
    const { downloadUrl } = await uploadedAttachment();
    // ehr stopped: its port closed (a proxy in front of it, stopped). bookings silent: accepts, never answers.
    const closed = await startTcpProxy(stack.ehr.url);
    const ehrUrl = closed.via(stack.ehr.url);
    await closed.stop();
    silent = createTcpServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const bookingsUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`;
    process.env.SUBGRAPH_TIMEOUT_MS = "1000";
    const gateway = await startTestGateway(
      { ...subgraphUrls(stack), ehr: ehrUrl, bookings: bookingsUrl },
      jwksUrlOf(stack),
      { gatewaySecret: stack.gatewaySecret.secret },
    );
    try {
      const at = new URL(gateway.url).origin;
      const link = new URL(downloadUrl);
      let started = Date.now();
      const down = await fetch(`${at}${link.pathname}${link.search}`);
      expect([down.status, await down.text()]).toEqual([502, "Service unavailable; retry later"]);
      expect(down.headers.get("retry-after")).toBe("5");
      expect(Date.now() - started).toBeLessThan(1000);

      started = Date.now();
      const hanging = await fetch(`${at}/calendar/some-token.ics`);
      expect([hanging.status, await hanging.text()]).toEqual([504, "The service did not answer in time; retry later"]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await gateway.stop();
    }
  });
});
