import { S3FileStore } from "./s3-file-store";

// Presigning is computed locally (SigV4), so no S3 is needed: the URLs' hosts are what is checked.
beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "test-access-key";
  process.env.AWS_SECRET_ACCESS_KEY = "test-secret-key-that-is-long-enough";
});

const store = (publicEndpoint?: string) =>
  new S3FileStore({
    bucket: "pawgraph",
    region: "us-east-1",
    endpoint: "http://minio:9000",
    publicEndpoint,
    forcePathStyle: true,
    prefix: "ehr",
  });

it("signs the URLs browsers get for the public endpoint when one is set (compose: localhost, not minio)", async () => {
  const download = new URL((await store("http://localhost:9000").presignDownload("a/b.pdf", "b.pdf", 300)).url);
  expect(download.origin).toBe("http://localhost:9000");
  expect(download.pathname).toBe("/pawgraph/ehr/a/b.pdf");
  expect(download.searchParams.get("X-Amz-SignedHeaders")).toBe("host");
  const upload = new URL((await store("http://localhost:9000").presignUpload("a/c.png", "image/png", 10, 300)).url);
  expect(upload.origin).toBe("http://localhost:9000");
});

it("signs them for the endpoint the process uses when no public one is set", async () => {
  const download = new URL((await store().presignDownload("a/b.pdf", "b.pdf", 300)).url);
  expect(download.origin).toBe("http://minio:9000");
});
