import type { Express, Request, Response } from "express";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FileStore, StoredObject, UploadTarget } from "./file-store";

const KEY = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,199}$/;

/**
 * Development and test storage: files on local disk, served by the subgraph itself at
 * `/files/<subgraph>/*` behind HMAC-signed, expiring URLs that fix the method, content type and size,
 * like S3 presigning. The URLs start at the gateway's origin, which forwards that path to the
 * subgraph unchanged (docs/decisions/0060), so users only ever see one host.
 */
export class LocalDiskFileStore implements FileStore {
  constructor(
    private readonly root: string,
    /** Public origin the URLs start at: the gateway's, e.g. http://localhost:4000. */
    private readonly baseUrl: () => string,
    private readonly secret: string,
    /** The path the files are served under, the same at the gateway and here: `/files/<subgraph>`. */
    private readonly urlPath = "/files",
  ) {}

  private sign(parts: string[]): string {
    return createHmac("sha256", this.secret).update(parts.join("\n")).digest("base64url");
  }

  private path(key: string): string {
    if (!KEY.test(key) || key.includes("..")) throw new Error(`invalid storage key: ${key}`);
    return resolve(this.root, key);
  }

  async presignUpload(
    key: string,
    contentType: string,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<UploadTarget> {
    this.path(key);
    const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
    const sig = this.sign(["PUT", key, contentType, String(sizeBytes), String(exp)]);
    const url = `${this.baseUrl()}${this.urlPath}/${key}?exp=${exp}&size=${sizeBytes}&sig=${sig}`;
    return { method: "PUT", url, headers: { "content-type": contentType }, expiresAt: new Date(exp * 1000) };
  }

  async presignDownload(
    key: string,
    fileName: string,
    expiresInSeconds: number,
  ): Promise<{ url: string; expiresAt: Date }> {
    this.path(key);
    const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
    const sig = this.sign(["GET", key, fileName, String(exp)]);
    const name = encodeURIComponent(fileName);
    return {
      url: `${this.baseUrl()}${this.urlPath}/${key}?exp=${exp}&name=${name}&sig=${sig}`,
      expiresAt: new Date(exp * 1000),
    };
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.path(key));
      const contentType = await readFile(`${this.path(key)}.type`, "utf8").catch(() => null);
      return { sizeBytes: info.size, contentType };
    } catch {
      return null;
    }
  }

  async read(key: string): Promise<Readable | null> {
    if (!(await this.stat(key))) return null;
    return createReadStream(this.path(key));
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(`${target}.part`, body);
    await rename(`${target}.part`, target);
    await writeFile(`${target}.type`, contentType);
  }

  private verified(
    req: Request,
    res: Response,
    parts: (key: string, q: Record<string, string>) => string[],
  ): string | null {
    const key = (req.params as Record<string, string | string[]>).key;
    const joined = Array.isArray(key) ? key.join("/") : key;
    const q = req.query as Record<string, string>;
    if (!joined || !KEY.test(joined) || !q.sig || !q.exp) {
      res.status(400).json({ error: "BAD_REQUEST" });
      return null;
    }
    const expected = Buffer.from(this.sign(parts(joined, q)));
    const given = Buffer.from(q.sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      res.status(403).json({ error: "FORBIDDEN", message: "Signature does not match" });
      return null;
    }
    if (Number(q.exp) * 1000 < Date.now()) {
      res.status(403).json({ error: "EXPIRED", message: "The URL has expired" });
      return null;
    }
    return joined;
  }

  /** Mounts the upload and download endpoints on the subgraph's express app. */
  routes(app: Express): void {
    app.put(`${this.urlPath}/*key`, async (req, res) => {
      const contentType = req.headers["content-type"] ?? "";
      const key = this.verified(req, res, (k, q) => ["PUT", k, contentType, q.size ?? "", q.exp ?? ""]);
      if (!key) return;
      const declared = Number((req.query as Record<string, string>).size);
      const length = Number(req.headers["content-length"]);
      if (!Number.isFinite(length) || length !== declared) {
        res.status(400).json({ error: "BAD_REQUEST", message: `Content-Length must be exactly ${declared}` });
        return;
      }
      const target = this.path(key);
      const partial = `${target}.part`;
      await mkdir(dirname(target), { recursive: true });
      let received = 0;
      req.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > declared) req.destroy(new Error("too large"));
      });
      try {
        await pipeline(req, createWriteStream(partial));
        if (received !== declared) throw new Error("size mismatch");
        await rename(partial, target);
        await writeFile(`${target}.type`, contentType);
        res.status(200).json({ ok: true });
      } catch {
        await rm(partial, { force: true });
        if (!res.headersSent)
          res.status(400).json({ error: "BAD_REQUEST", message: "Upload failed or did not match the declared size" });
      }
    });
    app.get(`${this.urlPath}/*key`, async (req, res) => {
      const q = req.query as Record<string, string>;
      const key = this.verified(req, res, (k) => ["GET", k, q.name ?? "", q.exp ?? ""]);
      if (!key) return;
      const object = await this.stat(key);
      if (!object) {
        res.status(404).json({ error: "NOT_FOUND" });
        return;
      }
      res.setHeader("content-type", object.contentType ?? "application/octet-stream");
      res.setHeader("content-length", String(object.sizeBytes));
      res.setHeader("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(q.name ?? "file")}`);
      res.setHeader("x-content-type-options", "nosniff");
      await pipeline(createReadStream(this.path(key)), res);
    });
  }
}

/** The signing secret for local files: `FILE_SIGNING_SECRET`, else one kept under the data dir. */
export async function localFileSecret(dir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const file = join(dir, "file-signing.key");
  const existing = await readFile(file, "utf8").catch(() => null);
  if (existing) return existing.trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(dir, { recursive: true });
  await writeFile(file, secret, { flag: "wx", mode: 0o600 }).catch(() => undefined);
  return (await readFile(file, "utf8")).trim();
}
