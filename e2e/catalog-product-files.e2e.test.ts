import { randomUUID } from "node:crypto";
import sharp from "sharp";
import {
  AddProductImageDocument,
  CompleteProductImageDocument,
  ImportProductsDocument,
  ProductImagesDocument,
  PublishProductDocument,
  RequestProductImportUploadDocument,
} from "../clients/__generated__/graphql";
import { approvedVendor, buildProduct, createCategory, createProduct, putUpload, sql } from "./catalog-fixtures";
import { adminToken, execute, onlyError, startStack, type Stack } from "./harness";

/**
 * Files of vendors' products through the gateway: images uploaded to a presigned URL and turned into
 * WebP renditions with sharp, and CSV imports that report each bad row and import the good ones.
 */
let stack: Stack;
let category: { id: string; path: string };
let shopA: Awaited<ReturnType<typeof approvedVendor>>;
let shopB: Awaited<ReturnType<typeof approvedVendor>>;

beforeAll(async () => {
  stack = await startStack();
  category = await createCategory(stack, await adminToken(stack));
  [shopA, shopB] = await Promise.all([approvedVendor(stack, "shop-a"), approvedVendor(stack, "shop-b")]);
}, 120_000);

afterAll(() => stack?.stop());

describe("images", () => {
  it("uploads a PNG, completes it into READY with 200 px and 800 px WebP renditions; refuses wrong types and sizes", async () => {
    const product = await createProduct(stack, shopA.token, buildProduct(shopA.vendorId, category.id));
    const file = (contentType: string, sizeBytes: number) => ({
      productId: product.id,
      alt: "The bag",
      file: { fileName: "bag.png", contentType, sizeBytes },
    });
    const gif = await execute(
      stack.gateway.url,
      AddProductImageDocument,
      { input: file("image/gif", 100) },
      shopA.token,
    );
    expect(onlyError(gif).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.file.contentType" });
    const huge = await execute(
      stack.gateway.url,
      AddProductImageDocument,
      { input: file("image/png", 10 * 1024 * 1024 + 1) },
      shopA.token,
    );
    expect(onlyError(huge).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.file.sizeBytes" });

    const png = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: { r: 220, g: 140, b: 60 } },
    })
      .png()
      .toBuffer();
    const added = await execute(
      stack.gateway.url,
      AddProductImageDocument,
      { input: file("image/png", png.length) },
      shopA.token,
    );
    const upload = added.data!.addProductImage;
    expect(upload.image).toMatchObject({ status: "UPLOADING", position: 0, url: null, thumbnailUrl: null });
    expect((await putUpload(upload, png)).status).toBe(200);
    const done = await execute(
      stack.gateway.url,
      CompleteProductImageDocument,
      { input: { imageId: upload.image.id } },
      shopA.token,
    );
    expect(done.data?.completeProductImage).toMatchObject({ status: "READY", width: 1200, height: 900 });
    const thumbnail = await fetch(done.data!.completeProductImage.thumbnailUrl!);
    expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({
      format: "webp",
      width: 200,
      height: 150,
    });
    const medium = await fetch(done.data!.completeProductImage.mediumUrl!);
    expect(await sharp(Buffer.from(await medium.arrayBuffer())).metadata()).toMatchObject({
      format: "webp",
      width: 800,
      height: 600,
    });

    const fake = Buffer.from("this is not a png at all");
    const fakeAdded = await execute(
      stack.gateway.url,
      AddProductImageDocument,
      { input: file("image/png", fake.length) },
      shopA.token,
    );
    await putUpload(fakeAdded.data!.addProductImage, fake);
    const refused = await execute(
      stack.gateway.url,
      CompleteProductImageDocument,
      { input: { imageId: fakeAdded.data!.addProductImage.image.id } },
      shopA.token,
    );
    expect(onlyError(refused).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.imageId" });

    await execute(stack.gateway.url, PublishProductDocument, { input: { productId: product.id } }, shopA.token);
    const shown = await execute(stack.gateway.url, ProductImagesDocument, { id: product.id });
    expect(shown.data?.product?.images.map((i) => [i.id, i.status])).toEqual([[upload.image.id, "READY"]]);
  });
});

describe("CSV import", () => {
  it("imports the good rows, grouped into products by slug, and reports each bad row", async () => {
    const tag = randomUUID().slice(0, 6);
    const path = category.path;
    const csv = [
      "product_slug,title,category,species,sku,variant_title,options,gtin,price_minor,currency",
      `kibble-${tag},Kibble ${tag},${path},DOG,K1-${tag},2 kg,Size=2 kg,4006381333931,1999,EUR`,
      `kibble-${tag},Kibble ${tag},${path},DOG,K2-${tag},5 kg,Size=5 kg,,3999,EUR`,
      `treats-${tag},Treats ${tag},${path},DOG|CAT,T1-${tag},,,4006381333932,499,EUR`,
      `treats-${tag},Treats ${tag},${path},DOG|CAT,T2-${tag},,,,-5,EUR`,
      `toys-${tag},"Rope toy, large",${path},DOG,R1-${tag},,,,899,EUR`,
      `toys-${tag},"Rope toy, large",${path},DOG,K1-${tag},,,,899,USD`,
      `gone-${tag},Gone,no/such/category,DOG,G1-${tag},,,,100,EUR`,
    ].join("\n");
    const body = Buffer.from(csv, "utf8");
    const requested = await execute(
      stack.gateway.url,
      RequestProductImportUploadDocument,
      {
        input: {
          vendorId: shopA.vendorId,
          file: { fileName: "products.csv", contentType: "text/csv", sizeBytes: body.length },
        },
      },
      shopA.token,
    );
    expect((await putUpload(requested.data!.requestProductImportUpload, body)).status).toBe(200);
    const fileId = requested.data!.requestProductImportUpload.fileId;

    const otherVendor = await execute(
      stack.gateway.url,
      ImportProductsDocument,
      { input: { vendorId: shopB.vendorId, fileId } },
      shopB.token,
    );
    expect(onlyError(otherVendor).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.fileId" });

    const imported = await execute(
      stack.gateway.url,
      ImportProductsDocument,
      { input: { vendorId: shopA.vendorId, fileId } },
      shopA.token,
    );
    expect(imported.data?.importProducts).toEqual({
      importedProducts: 2,
      importedVariants: 3,
      failedRows: 4,
      errors: [
        { row: 4, field: "gtin", message: expect.any(String) },
        { row: 5, field: "price_minor", message: expect.any(String) },
        { row: 7, field: "currency", message: expect.any(String) },
        { row: 8, field: "category", message: expect.any(String) },
      ],
    });
    const rows = await sql<{ slug: string; skus: string[] }>(
      stack,
      `SELECT p.slug, array_agg(v.sku ORDER BY v.position) AS skus FROM catalog.products p JOIN catalog.variants v ON v.product_id = p.id WHERE p.vendor_id = $1 AND p.slug LIKE $2 GROUP BY p.slug ORDER BY p.slug`,
      [shopA.vendorId, `%-${tag}`],
    );
    expect(rows).toEqual([
      { slug: `kibble-${tag}`, skus: [`K1-${tag}`, `K2-${tag}`] },
      { slug: `toys-${tag}`, skus: [`R1-${tag}`] },
    ]);
  });
});
