import { useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { WebProductSearchDocument, type ProductSearchFilter } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { errorMessage } from "../errors";
import { speciesName } from "../species";
import { formatMoney } from "./money";

type FacetKey = "categoryId" | "species" | "vendorId";

/** Product search by words, narrowed by the facets the API counts (category, animal, shop). */
export function Shop() {
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<ProductSearchFilter>({});
  const { data, loading, error } = useQuery(WebProductSearchDocument, {
    variables: { query: query || undefined, filter, first: 24 },
  });
  const search = data?.searchProducts;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(String(new FormData(event.currentTarget).get("query") ?? "").trim());
  }

  /** A facet value as a toggle: pressed narrows the search to it, pressed again clears it. */
  function facetButton(key: FacetKey, value: string, label: string, count: number) {
    const pressed = filter[key] === value;
    return (
      <li key={`${key}-${value}`}>
        <button
          type="button"
          className="link"
          aria-pressed={pressed}
          onClick={() => setFilter((current) => ({ ...current, [key]: pressed ? undefined : (value as never) }))}
        >
          {label} ({count})
        </button>
      </li>
    );
  }

  return (
    <section aria-labelledby="shop-title">
      <div className="heading-row">
        <h1 id="shop-title">Shop</h1>
        <Link to="/cart">Cart</Link>
      </div>
      <form role="search" className="inline" onSubmit={submit}>
        <label htmlFor="shop-query">Search products</label>
        <input id="shop-query" name="query" type="search" defaultValue={query} />
        <button type="submit">Search</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      <div className="shop">
        {search && (
          <aside aria-label="Filters">
            <h2>Category</h2>
            <ul className="facets">
              {search.facets.categories.flatMap((facet) =>
                facet.category ? [facetButton("categoryId", facet.category.id, facet.category.path, facet.count)] : [],
              )}
            </ul>
            <h2>Animal</h2>
            <ul className="facets">
              {search.facets.species.map((facet) =>
                facetButton("species", facet.species, speciesName(facet.species), facet.count),
              )}
            </ul>
            <h2>Shop</h2>
            <ul className="facets">
              {search.facets.vendors.flatMap((facet) =>
                facet.vendor ? [facetButton("vendorId", facet.vendor.id, facet.vendor.name, facet.count)] : [],
              )}
            </ul>
          </aside>
        )}
        <div>
          <p role="status">
            {loading
              ? "Searching…"
              : search
                ? `${search.totalCount} ${search.totalCount === 1 ? "product" : "products"}`
                : ""}
          </p>
          {search && search.edges.length > 0 && (
            <ul className="cards" aria-label="Products">
              {search.edges.map(({ node: product }) => {
                const prices = product.variants.map((variant) => variant.price.amountMinor);
                const cheapest = product.variants.find((variant) => variant.price.amountMinor === Math.min(...prices));
                return (
                  <li key={product.id}>
                    <Link to={`/shop/products/${encodeURIComponent(product.id)}`}>{product.title}</Link>
                    <span className="muted">{product.vendor?.name}</span>
                    <span>
                      {cheapest && `from ${formatMoney(cheapest.price)}`}
                      {product.variants.some((variant) => variant.inStock) ? "" : " · out of stock"}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
