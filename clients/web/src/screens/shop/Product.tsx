import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { AddToCartDocument, CartDocument, WebProductDocument } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { errorMessage } from "../errors";
import { formatMoney } from "./money";

/** A product: its variants with price and stock, and adding one to the cart. */
export function Product({ id }: { id: string }) {
  const { data, loading, error } = useQuery(WebProductDocument, { variables: { id } });
  const [addToCart, { loading: adding }] = useMutation(AddToCartDocument, { refetchQueries: [CartDocument] });
  const [problem, setProblem] = useState<string>();
  const [added, setAdded] = useState<string>();
  const product = data?.product;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setProblem(undefined);
    setAdded(undefined);
    try {
      const quantity = Number(form.get("quantity"));
      await addToCart({ variables: { input: { variantId: String(form.get("variantId")), quantity } } });
      setAdded(`Added ${quantity} to your cart.`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  if (loading && !data) return <p role="status">Loading…</p>;
  if (error || !product)
    return (
      <section aria-labelledby="product-title">
        <h1 id="product-title">Product not found</h1>
        <p role="alert" className="error">
          {error ? errorMessage(error) : "This product does not exist or is no longer sold."}
        </p>
        <Link to="/shop">Back to the shop</Link>
      </section>
    );

  const buyable = product.variants.filter((variant) => variant.inStock);
  return (
    <section aria-labelledby="product-title">
      <p>
        <Link to="/shop">← Shop</Link>
      </p>
      <h1 id="product-title">{product.title}</h1>
      <p className="muted">{[product.brand, product.vendor?.name].filter(Boolean).join(" · ")}</p>
      {product.prescriptionOnly && <p>Prescription only: a vet must have prescribed it for your pet.</p>}
      <p>{product.description}</p>
      <table>
        <caption>Variants</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Price</th>
            <th scope="col">Stock</th>
          </tr>
        </thead>
        <tbody>
          {product.variants.map((variant) => (
            <tr key={variant.id}>
              <th scope="row">
                {variant.title}
                {variant.options.length > 0 &&
                  ` (${variant.options.map((option) => `${option.name}: ${option.value}`).join(", ")})`}
              </th>
              <td>
                {formatMoney(variant.price)}
                {variant.compareAtPrice && <s className="muted"> {formatMoney(variant.compareAtPrice)}</s>}
              </td>
              <td>{variant.inStock ? "In stock" : "Out of stock"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {buyable.length > 0 ? (
        <form className="narrow" onSubmit={(event) => void submit(event)}>
          <label htmlFor="variantId">Variant</label>
          <select id="variantId" name="variantId" defaultValue={buyable[0]!.id}>
            {buyable.map((variant) => (
              <option key={variant.id} value={variant.id}>
                {variant.title} – {formatMoney(variant.price)}
              </option>
            ))}
          </select>
          <label htmlFor="quantity">Quantity</label>
          <input id="quantity" name="quantity" type="number" min={1} max={999} defaultValue={1} required />
          {problem && (
            <p role="alert" className="error">
              {problem}
            </p>
          )}
          <button type="submit" disabled={adding}>
            Add to cart
          </button>
          <p role="status">
            {added && (
              <>
                {added} <Link to="/cart">Go to cart</Link>
              </>
            )}
          </p>
        </form>
      ) : (
        <p>Out of stock.</p>
      )}
    </section>
  );
}
