import { useMutation } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { ApplyAsVendorDocument, WebRoleLinksDocument } from "../../../../__generated__/web/graphql";
import { errorMessage } from "../errors";

/** The application to sell on Pawgraph (`applyAsVendor`); the shop waits for a platform admin. */
export function ApplyToSell() {
  const [apply, { loading }] = useMutation(ApplyAsVendorDocument, { refetchQueries: [WebRoleLinksDocument] });
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    setProblem(undefined);
    try {
      const { data } = await apply({
        variables: {
          input: {
            name: text("name"),
            contactEmail: text("contactEmail"),
            currency: text("currency").toUpperCase(),
            ...(text("description") ? { description: text("description") } : {}),
            address: {
              line: text("line"),
              city: text("city"),
              postalCode: text("postalCode"),
              country: text("country").toUpperCase(),
            },
          },
        },
      });
      const result = data?.applyAsVendor;
      if (result?.__typename === "VendorSlugTakenError")
        setProblem(`${result.message} Try a name such as “${result.suggestion}”.`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <section aria-labelledby="apply-title" className="narrow">
      <h1 id="apply-title">Apply to sell</h1>
      <p>Sell pet food and supplies on Pawgraph. A platform admin reviews each shop before it opens.</p>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="shop-name">Shop name</label>
        <input id="shop-name" name="name" required minLength={2} maxLength={120} />
        <label htmlFor="shop-email">Contact email</label>
        <input id="shop-email" name="contactEmail" type="email" required />
        <label htmlFor="shop-line">Street and number</label>
        <input id="shop-line" name="line" required autoComplete="street-address" />
        <label htmlFor="shop-city">City</label>
        <input id="shop-city" name="city" required autoComplete="address-level2" />
        <label htmlFor="shop-postal">Postal code</label>
        <input id="shop-postal" name="postalCode" required autoComplete="postal-code" />
        <label htmlFor="shop-country">Country (two letters, e.g. US)</label>
        <input id="shop-country" name="country" required pattern="[A-Za-z]{2}" autoComplete="country" />
        <label htmlFor="shop-currency">Currency (three letters, e.g. USD)</label>
        <input id="shop-currency" name="currency" required pattern="[A-Za-z]{3}" />
        <label htmlFor="shop-about">About the shop (optional)</label>
        <textarea id="shop-about" name="description" rows={3} maxLength={5000} />
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={loading}>
          Apply
        </button>
      </form>
    </section>
  );
}
