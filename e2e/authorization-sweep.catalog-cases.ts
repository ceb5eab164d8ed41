import { m, q, v, type SweepCase } from "./authorization-sweep.case";

const shop = () => ({
  name: `B's shop ${Math.random().toString(36).slice(2, 8)}`,
  contactEmail: "b-shop@example.test",
  address: { line: "Road 1", city: "Hamburg", country: "DE" },
  currency: "EUR",
});

const newVariant = () => ({ sku: `SW-${Math.random().toString(36).slice(2, 8)}`, priceMinor: 100, currency: "EUR" });
const newProduct = (vendorId: unknown, categoryId: unknown) => ({
  vendorId,
  categoryId,
  title: "B's product",
  variants: [newVariant()],
});
const image = { fileName: "a.png", contentType: "image/png", sizeBytes: 100 };
const csv = { fileName: "a.csv", contentType: "text/csv", sizeBytes: 100 };

const SEARCH = `query($filter: ProductSearchFilter) { searchProducts(filter: $filter) { totalCount edges { node { id status } } } }`;

/** The catalog subgraph's rows of the authorization sweep (e2e/authorization-sweep.e2e.test.ts): vendors, products, stock, search, reviews. */
export const CATALOG_CASES: Record<string, SweepCase> = {
  // catalog: A's vendor's draft product is hidden from B, even with a delivery of it; A's review is A's to withdraw
  "Mutation.reviewProduct input.productId": m(
    "reviewProduct",
    "ReviewProductInput",
    (f) => ({ productId: f.a.draftProductId, rating: 5, body: "Mine now" }),
    "NOT_FOUND",
    "__typename",
  ),
  "Mutation.deleteMyReview input.productId": m(
    "deleteMyReview",
    "DeleteMyReviewInput",
    (f) => ({ productId: f.a.reviewedProductId }),
    "NOT_FOUND",
    "id reviewCount",
  ),

  // catalog: products (B is the VENDOR_ADMIN of another approved vendor)
  "Query.product id": q(`query($id: ID!) { product(id: $id) { title } }`, (f) => ({ id: f.a.productId })),
  "Mutation.createCategory input.parentId": v(
    m(
      "createCategory",
      "CreateCategoryInput",
      (f) => ({ parentId: f.a.categoryId, slug: "b-cat", name: "B" }),
      "FORBIDDEN",
      "id",
    ),
  ),
  "Mutation.createProduct input.vendorId": v(
    m("createProduct", "CreateProductInput", (f) => newProduct(f.a.shopId, f.a.categoryId), "FORBIDDEN", "id"),
  ),
  "Mutation.createProduct input.categoryId": v(
    m(
      "createProduct",
      "CreateProductInput",
      (f) => newProduct(f.b.shopId, f.a.categoryId),
      "PUBLIC_CATEGORY",
      "id category { id }",
    ),
  ),
  "Mutation.updateProduct input.productId": v(
    m(
      "updateProduct",
      "UpdateProductInput",
      (f) => ({ productId: f.a.productId, title: "Taken over" }),
      "NOT_FOUND",
      "title",
    ),
  ),
  "Mutation.updateProduct input.categoryId": v(
    m(
      "updateProduct",
      "UpdateProductInput",
      (f) => ({ productId: f.b.productId, categoryId: f.a.categoryId }),
      "PUBLIC_CATEGORY",
      "id category { id }",
    ),
  ),
  "Mutation.publishProduct input.productId": v(
    m("publishProduct", "ProductIdInput", (f) => ({ productId: f.a.productId })),
  ),
  "Mutation.archiveProduct input.productId": v(
    m("archiveProduct", "ProductIdInput", (f) => ({ productId: f.a.productId }), "NOT_FOUND", "id"),
  ),
  "Mutation.unpublishProduct input.productId": v(
    m(
      "unpublishProduct",
      "UnpublishProductInput",
      (f) => ({ productId: f.a.productId, reason: "Because" }),
      "FORBIDDEN",
      "id",
    ),
  ),
  "Mutation.addProductVariant input.productId": v(
    m(
      "addProductVariant",
      "AddProductVariantInput",
      (f) => ({ productId: f.a.productId, variant: newVariant() }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.updateProductVariant input.variantId": v(
    m(
      "updateProductVariant",
      "UpdateProductVariantInput",
      (f) => ({ variantId: f.a.variantId, priceMinor: 1 }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.setVariantActive input.variantId": v(
    m(
      "setVariantActive",
      "SetVariantActiveInput",
      (f) => ({ variantId: f.a.variantId, active: false }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.addProductImage input.productId": v(
    m(
      "addProductImage",
      "AddProductImageInput",
      (f) => ({ productId: f.a.productId, file: image }),
      "NOT_FOUND",
      "url",
    ),
  ),
  "Mutation.completeProductImage input.imageId": v(
    m("completeProductImage", "ProductImageIdInput", (f) => ({ imageId: f.a.imageId }), "NOT_FOUND", "id"),
  ),
  "Mutation.removeProductImage input.imageId": v(
    m("removeProductImage", "ProductImageIdInput", (f) => ({ imageId: f.a.imageId }), "NOT_FOUND", ""),
  ),
  "Mutation.reorderProductImages input.productId": v(
    m(
      "reorderProductImages",
      "ReorderProductImagesInput",
      (f) => ({ productId: f.a.productId, imageIds: [f.a.imageId] }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.reorderProductImages input.imageIds": v(
    m(
      "reorderProductImages",
      "ReorderProductImagesInput",
      (f) => ({ productId: f.b.productId, imageIds: [f.a.imageId] }),
      "NOT_FOUND",
      "id",
    ),
  ),
  "Mutation.requestProductImportUpload input.vendorId": v(
    m(
      "requestProductImportUpload",
      "RequestProductImportUploadInput",
      (f) => ({ vendorId: f.a.shopId, file: csv }),
      "FORBIDDEN",
      "fileId",
    ),
  ),
  "Mutation.importProducts input.vendorId": v(
    m(
      "importProducts",
      "ImportProductsInput",
      (f) => ({ vendorId: f.a.shopId, fileId: f.a.importFileId }),
      "FORBIDDEN",
      "failedRows",
    ),
  ),
  "Mutation.importProducts input.fileId": v(
    m(
      "importProducts",
      "ImportProductsInput",
      (f) => ({ vendorId: f.b.shopId, fileId: f.a.importFileId }),
      "NOT_FOUND",
      "failedRows",
    ),
  ),
  // catalog: stock (another shop's variants and locations are not revealed; approved vendors are public)
  "Mutation.createStockLocation input.vendorId": v(
    m(
      "createStockLocation",
      "CreateStockLocationInput",
      (f) => ({ vendorId: f.a.shopId, name: "Taken over", country: "DE" }),
      "FORBIDDEN",
      "id",
    ),
  ),
  "Mutation.adjustStock input.variantId": v(
    m(
      "adjustStock",
      "AdjustStockInput",
      (f) => ({ variantId: f.a.variantId, locationId: f.b.stockLocationId, delta: 5, reason: "Mine now" }),
      "NOT_FOUND",
      "onHand",
    ),
  ),
  "Mutation.adjustStock input.locationId": v(
    m(
      "adjustStock",
      "AdjustStockInput",
      (f) => ({ variantId: f.b.variantId, locationId: f.a.stockLocationId, delta: 5, reason: "Mine now" }),
      "NOT_FOUND",
      "onHand",
    ),
  ),
  "Mutation.setLowStockLevel input.variantId": v(
    m(
      "setLowStockLevel",
      "SetLowStockLevelInput",
      (f) => ({ variantId: f.a.variantId, locationId: f.b.stockLocationId, lowLevel: 1 }),
      "NOT_FOUND",
      "lowLevel",
    ),
  ),
  "Mutation.setLowStockLevel input.locationId": v(
    m(
      "setLowStockLevel",
      "SetLowStockLevelInput",
      (f) => ({ variantId: f.b.variantId, locationId: f.a.stockLocationId, lowLevel: 1 }),
      "NOT_FOUND",
      "lowLevel",
    ),
  ),
  "Query.searchProducts filter.categoryId": v(
    q(SEARCH, (f) => ({ filter: { categoryId: f.a.categoryId } }), "PUBLIC_SEARCH"),
  ),
  "Query.searchProducts filter.vendorId": v(q(SEARCH, (f) => ({ filter: { vendorId: f.a.shopId } }), "PUBLIC_SEARCH")),
  // catalog: vendors
  "Query.vendor id": q(`query($id: ID!) { vendor(id: $id) { name } }`, (f) => ({ id: f.a.pendingVendorId })),
  "Mutation.applyAsVendor input.clinicId": m(
    "applyAsVendor",
    "ApplyAsVendorInput",
    (f) => ({ ...shop(), clinicId: f.a.clinicId }),
    "NOT_FOUND",
  ),
  "Mutation.reviewVendor input.vendorId": m(
    "reviewVendor",
    "ReviewVendorInput",
    (f) => ({ vendorId: f.a.pendingVendorId, decision: "APPROVE" }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.suspendVendor input.vendorId": m(
    "suspendVendor",
    "SuspendVendorInput",
    (f) => ({ vendorId: f.a.pendingVendorId, reason: "Taken over" }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.updateVendor input.vendorId": m(
    "updateVendor",
    "UpdateVendorInput",
    (f) => ({ vendorId: f.a.pendingVendorId, description: "Taken over" }),
    "NOT_FOUND",
    "vendor { name }",
  ),
  "Mutation.setVendorCommission input.vendorId": m(
    "setVendorCommission",
    "SetVendorCommissionInput",
    (f) => ({ vendorId: f.a.pendingVendorId, commissionBps: 0 }),
    "FORBIDDEN",
    "id",
  ),
};
