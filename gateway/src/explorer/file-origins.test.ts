import { fileStoreOrigins } from "./file-origins";
import { webAppPolicy } from "./web-app.routes";

describe("fileStoreOrigins: where a browser sends and reads files, for the web app's page policy", () => {
  it("is none with files on local disk: their links go through the gateway", () => {
    expect(fileStoreOrigins({})).toEqual([]);
    expect(fileStoreOrigins({ S3_ENDPOINT: "http://minio:9000" })).toEqual([]);
  });

  it("is the public endpoint browsers reach, path style (MinIO in docker-compose.yml)", () => {
    expect(
      fileStoreOrigins({
        S3_BUCKET: "pawgraph",
        S3_ENDPOINT: "http://minio:9000",
        S3_PUBLIC_ENDPOINT: "http://localhost:9000/",
        S3_FORCE_PATH_STYLE: "true",
      }),
    ).toEqual(["http://localhost:9000"]);
  });

  it("is S3_ENDPOINT's when no public endpoint is set, with the bucket as a subdomain unless path style", () => {
    expect(fileStoreOrigins({ S3_BUCKET: "files", S3_ENDPOINT: "https://storage.example.com" })).toEqual([
      "https://files.storage.example.com",
    ]);
  });

  it("is AWS's regional bucket host without an endpoint", () => {
    expect(fileStoreOrigins({ S3_BUCKET: "pawgraph-files", S3_REGION: "eu-west-1" })).toEqual([
      "https://pawgraph-files.s3.eu-west-1.amazonaws.com",
    ]);
    expect(fileStoreOrigins({ S3_BUCKET: "pawgraph-files" })).toEqual([
      "https://pawgraph-files.s3.us-east-1.amazonaws.com",
    ]);
  });
});

describe("the web app's page policy with a file store's origins", () => {
  it("lets the page send files to them and show images from them, and changes nothing else", () => {
    const policy = webAppPolicy(["http://localhost:9000"]);
    const directives = Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives["connect-src"]).toEqual(["'self'", "https://api.stripe.com", "http://localhost:9000"]);
    expect(directives["img-src"]).toContain("http://localhost:9000");
    expect(policy.replace(/ http:\/\/localhost:9000/g, "")).toBe(webAppPolicy());
  });
});
