import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import {
  CategoryTreeDocument,
  CreateProductDocument,
  PublishProductDocument,
  WebVendorProductsDocument,
} from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";
import { formatMoney } from "../shop/money";
import { toMinor } from "./claims";
import { PRODUCT_STATUS } from "./words";

/** A shop's products with their status; creating one with one variant (a draft) and publishing it. */
export function VendorProducts({ vendorId }: { vendorId: string }) {
  const { data, loading, error } = useQuery(WebVendorProductsDocument, {
    variables: { id: vendorId },
    fetchPolicy: "cache-and-network",
  });
  const categories = useQuery(CategoryTreeDocument);
  const refetchQueries = [{ query: WebVendorProductsDocument, variables: { id: vendorId } }];
  const [createProduct, creating] = useMutation(CreateProductDocument, { refetchQueries });
  const [publishProduct, publishing] = useMutation(PublishProductDocument, { refetchQueries });
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const vendor = data?.vendor;
  const products = vendor?.products.edges.map((edge) => edge.node) ?? [];

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!vendor) return;
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    setMessage(null);
    const priceMinor = toMinor(text("price"), vendor.currency);
    if (Number.isNaN(priceMinor)) {
      setMessage({ text: "Write the price as a number, e.g. 12.50.", problem: true });
      return;
    }
    try {
      const { data: created } = await createProduct({
        variables: {
          input: {
            vendorId,
            title: text("title"),
            categoryId: text("categoryId"),
            variants: [
              {
                sku: text("sku"),
                ...(text("variantTitle") ? { title: text("variantTitle") } : {}),
                priceMinor,
                currency: vendor.currency,
              },
            ],
          },
        },
      });
      formElement.reset();
      setMessage({ text: `${created?.createProduct.title ?? "The product"} was created as a draft.`, problem: false });
    } catch (failure) {
      setMessage({ text: errorMessage(failure), problem: true });
    }
  }

  async function publish(productId: string, title: string) {
    setMessage(null);
    try {
      const { data: published } = await publishProduct({ variables: { input: { productId } } });
      const result = published?.publishProduct;
      if (result?.__typename === "ProductNotPublishableError") setMessage({ text: result.message, problem: true });
      else setMessage({ text: `${title} is published in the shop.`, problem: false });
    } catch (failure) {
      setMessage({ text: errorMessage(failure), problem: true });
    }
  }

  return (
    <>
      <h2>Products</h2>
      {loading && !data && <p role="status">Loading products…</p>}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      <p role="status" className={message?.problem ? "error" : undefined}>
        {message?.text}
      </p>
      {data && products.length === 0 && <p>No products yet.</p>}
      {products.length > 0 && (
        <table>
          <caption>Products</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Category</th>
              <th scope="col">Price</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {products.map((product) => (
              <tr key={product.id}>
                <th scope="row">{product.title}</th>
                <td>{product.category?.path ?? "–"}</td>
                <td>{product.variants.map((variant) => formatMoney(variant.price)).join(", ")}</td>
                <td>{PRODUCT_STATUS[product.status]}</td>
                <td>
                  {product.status === "DRAFT" && (
                    <button
                      type="button"
                      className="small"
                      disabled={publishing.loading}
                      aria-label={`Publish ${product.title}`}
                      onClick={() => void publish(product.id, product.title)}
                    >
                      Publish
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form aria-labelledby="new-product-title" className="narrow" onSubmit={(event) => void create(event)}>
        <h3 id="new-product-title">New product</h3>
        <label htmlFor="product-title">Title</label>
        <input id="product-title" name="title" required minLength={2} maxLength={200} />
        <label htmlFor="product-category">Category</label>
        <select id="product-category" name="categoryId" required defaultValue="">
          <option value="" disabled>
            Choose a category
          </option>
          {categories.data?.categories?.map((category) => (
            <option key={category.id} value={category.id}>
              {category.path}
            </option>
          ))}
        </select>
        <label htmlFor="product-sku">SKU</label>
        <input id="product-sku" name="sku" required maxLength={64} />
        <label htmlFor="product-variant">Variant name (optional, e.g. 2 kg bag)</label>
        <input id="product-variant" name="variantTitle" maxLength={120} />
        <label htmlFor="product-price">Price ({vendor?.currency ?? "…"})</label>
        <input id="product-price" name="price" required inputMode="decimal" />
        <button type="submit" disabled={creating.loading || !vendor}>
          Create draft
        </button>
      </form>
    </>
  );
}
