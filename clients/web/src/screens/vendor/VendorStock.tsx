import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import {
  AdjustStockDocument,
  CreateStockLocationDocument,
  SetLowStockLevelDocument,
  WebVendorStockDocument,
} from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";

/** A shop's stock per variant and location (on hand, available, low-stock level); adjusting it; its locations. */
export function VendorStock({ vendorId }: { vendorId: string }) {
  const { data, loading, error } = useQuery(WebVendorStockDocument, {
    variables: { id: vendorId },
    fetchPolicy: "cache-and-network",
  });
  const refetchQueries = [{ query: WebVendorStockDocument, variables: { id: vendorId } }];
  const [createLocation, creating] = useMutation(CreateStockLocationDocument, { refetchQueries });
  const [adjustStock, adjusting] = useMutation(AdjustStockDocument, { refetchQueries });
  const [setLowLevel, settingLow] = useMutation(SetLowStockLevelDocument, { refetchQueries });
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const vendor = data?.vendor;
  const locations = vendor?.stockLocations ?? [];
  const variants =
    vendor?.products.edges.flatMap(({ node: product }) =>
      product.variants.map((variant) => ({
        ...variant,
        name: variant.title ? `${product.title} – ${variant.title}` : product.title,
      })),
    ) ?? [];

  /** Runs a form's mutation, says `done` or the problem, and clears the form on success. */
  async function run(event: FormEvent<HTMLFormElement>, action: (form: FormData) => Promise<string>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setMessage(null);
    try {
      setMessage({ text: await action(new FormData(formElement)), problem: false });
      formElement.reset();
    } catch (failure) {
      setMessage({ text: errorMessage(failure), problem: true });
    }
  }

  const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

  return (
    <>
      <h2>Stock</h2>
      {loading && !data && <p role="status">Loading stock…</p>}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      <p role="status" className={message?.problem ? "error" : undefined}>
        {message?.text}
      </p>
      {data && locations.length === 0 && <p>You have no stock location yet: add one to record stock.</p>}
      {data && variants.length === 0 && <p>No products yet: create one under Products first.</p>}
      {locations.length > 0 && variants.length > 0 && (
        <table>
          <caption>Stock by variant and location</caption>
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">SKU</th>
              <th scope="col">Location</th>
              <th scope="col">On hand</th>
              <th scope="col">Available</th>
              <th scope="col">Low-stock level</th>
            </tr>
          </thead>
          <tbody>
            {variants.flatMap((variant) =>
              locations.map((location) => {
                const level = variant.stockLevels?.find((candidate) => candidate.location.id === location.id);
                return (
                  <tr key={`${variant.id}-${location.id}`}>
                    <th scope="row">{variant.name}</th>
                    <td>{variant.sku}</td>
                    <td>{location.name}</td>
                    <td>{level?.onHand ?? 0}</td>
                    <td>{level?.available ?? 0}</td>
                    <td>{level?.lowLevel ?? "Not set"}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
      {locations.length > 0 && variants.length > 0 && (
        <div className="forms">
          <form
            aria-labelledby="adjust-title"
            onSubmit={(event) =>
              void run(event, async (form) => {
                await adjustStock({
                  variables: {
                    input: {
                      variantId: text(form, "variantId"),
                      locationId: text(form, "locationId"),
                      delta: Number(text(form, "delta")),
                      reason: text(form, "reason"),
                    },
                  },
                });
                return "Stock adjusted.";
              })
            }
          >
            <h3 id="adjust-title">Adjust stock</h3>
            <VariantAndLocation prefix="adjust" variants={variants} locations={locations} />
            <label htmlFor="adjust-delta">Units to add (negative to remove)</label>
            <input id="adjust-delta" name="delta" type="number" required step={1} />
            <label htmlFor="adjust-reason">Reason</label>
            <input id="adjust-reason" name="reason" required maxLength={500} placeholder="e.g. Delivery" />
            <button type="submit" disabled={adjusting.loading}>
              Adjust stock
            </button>
          </form>
          <form
            aria-labelledby="low-title"
            onSubmit={(event) =>
              void run(event, async (form) => {
                const value = text(form, "lowLevel");
                await setLowLevel({
                  variables: {
                    input: {
                      variantId: text(form, "variantId"),
                      locationId: text(form, "locationId"),
                      lowLevel: value === "" ? null : Number(value),
                    },
                  },
                });
                return value === "" ? "Low-stock level cleared." : "Low-stock level set.";
              })
            }
          >
            <h3 id="low-title">Low-stock level</h3>
            <VariantAndLocation prefix="low" variants={variants} locations={locations} />
            <label htmlFor="low-level">Warn at (units; empty to clear)</label>
            <input id="low-level" name="lowLevel" type="number" min={0} step={1} />
            <button type="submit" disabled={settingLow.loading}>
              Set low-stock level
            </button>
          </form>
        </div>
      )}
      {data && (
        <form
          aria-labelledby="location-title"
          className="narrow"
          onSubmit={(event) =>
            void run(event, async (form) => {
              await createLocation({
                variables: {
                  input: { vendorId, name: text(form, "name"), country: text(form, "country").toUpperCase() },
                },
              });
              return `Stock location ${text(form, "name")} added.`;
            })
          }
        >
          <h3 id="location-title">Add a stock location</h3>
          <label htmlFor="location-name">Name</label>
          <input id="location-name" name="name" required maxLength={80} placeholder="e.g. Warehouse" />
          <label htmlFor="location-country">Country (two letters)</label>
          <input
            id="location-country"
            name="country"
            required
            pattern="[A-Za-z]{2}"
            defaultValue={vendor?.address.country}
          />
          <button type="submit" disabled={creating.loading}>
            Add location
          </button>
        </form>
      )}
    </>
  );
}

function VariantAndLocation({
  prefix,
  variants,
  locations,
}: {
  prefix: string;
  variants: { id: string; name: string; sku: string }[];
  locations: { id: string; name: string }[];
}) {
  return (
    <>
      <label htmlFor={`${prefix}-variant`}>Variant</label>
      <select id={`${prefix}-variant`} name="variantId" required>
        {variants.map((variant) => (
          <option key={variant.id} value={variant.id}>
            {variant.name} ({variant.sku})
          </option>
        ))}
      </select>
      <label htmlFor={`${prefix}-location`}>Location</label>
      <select id={`${prefix}-location`} name="locationId" required>
        {locations.map((location) => (
          <option key={location.id} value={location.id}>
            {location.name}
          </option>
        ))}
      </select>
    </>
  );
}
