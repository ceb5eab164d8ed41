// The demo shop, seeded by `npm start` through the gateway as a client would: the demo clinic's shop
// (run by the platform admin, who is the clinic's admin) and Happy Tails (Sam Shopkeeper), approved;
// the category tree; 40 products with variants, stock and two prescription-only medicines; and the
// two prescriptions in Rex's record those medicines match.
import { CATEGORIES, PRODUCTS, REX_PRESCRIPTIONS } from "./catalog-data.mjs";

/** A valid EAN-13 (GS1 check digit) for the n-th demo variant, in a prefix no real product uses. */
export function demoGtin(n) {
  const body = `200${String(n).padStart(9, "0")}`;
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const APPLY = `mutation($input: ApplyAsVendorInput!) {
  applyAsVendor(input: $input) { __typename ... on VendorApplication { vendor { id } } }
}`;
const REVIEW = `mutation($input: ReviewVendorInput!) { reviewVendor(input: $input) { id status } }`;
const CATEGORY = `mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }`;
const PRODUCT = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id variants { id sku } } }`;
const PUBLISH = `mutation($input: ProductIdInput!) { publishProduct(input: $input) { __typename } }`;
const LOCATION = `mutation($input: CreateStockLocationInput!) { createStockLocation(input: $input) { id } }`;
const ADJUST = `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { __typename } }`;
const SET_LOW = `mutation($input: SetLowStockLevelInput!) { setLowStockLevel(input: $input) { __typename } }`;

const VENDORS = {
  clinic: {
    owner: "admin@pawgraph.dev",
    input: {
      name: "Pawgraph Demo Clinic Shop",
      slug: "demo-clinic-shop",
      description: "Health products and prescription medicines from the Pawgraph Demo Clinic's own shop.",
      contactEmail: "shop@demo-clinic.pawgraph.dev",
      contactPhone: "+49 30 0000000",
      address: { line: "Invalidenstraße 43", city: "Berlin", postalCode: "10115", country: "DE" },
      currency: "EUR",
    },
  },
  store: {
    owner: "sam.shop@pawgraph.dev",
    input: {
      name: "Happy Tails Pet Food",
      slug: "happy-tails",
      description: "An independent pet-food store in Hamburg: food, treats, toys and supplies for every pet.",
      contactEmail: "hello@happy-tails.pawgraph.dev",
      address: { line: "Schanzenstraße 12", city: "Hamburg", postalCode: "20357", country: "DE" },
      currency: "EUR",
      businessRegistration: "HRB 000000",
    },
  },
};

/**
 * Signs `email` in until the access token itself carries a vendor role for `vendorId` (identity grants
 * it when it consumes catalog's `vendor.approved`). The token's claim is read, not `me`: a token signed
 * just before the grant committed would pass a `me` check made just after it, without the role.
 */
async function vendorToken({ signIn }, email, vendorId) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const token = await signIn(email);
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
    if ((claims.vendors ?? []).some((m) => m.vendorId === vendorId)) return token;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${email} never became an admin of vendor ${vendorId}`);
}

async function seedRexPrescriptions({ graphql, signIn }) {
  const anna = await signIn("anna@pawgraph.dev");
  const pets = await graphql(
    `
      {
        myPets(first: 10) {
          edges {
            node {
              id
              name
              activePrescriptions {
                code
              }
            }
          }
        }
      }
    `,
    {},
    anna,
  );
  const rex = pets.myPets.edges.map((e) => e.node).find((p) => p.name === "Rex");
  if (!rex || (rex.activePrescriptions ?? []).length > 0) return rex?.id;
  const vera = await signIn("vera.vet@pawgraph.dev");
  const startsOn = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  for (const prescription of REX_PRESCRIPTIONS) {
    await graphql(
      `
        mutation ($input: RecordMedicationInput!) {
          recordMedication(input: $input) {
            __typename
          }
        }
      `,
      { input: { petId: rex.id, kind: "PRESCRIPTION", route: "ORAL", startsOn, ...prescription } },
      vera,
    );
  }
  return rex.id;
}

/** Seeds the demo shop once (skipped when Happy Tails exists). */
export async function seedDemoCatalog({ graphql: send, signIn, say }) {
  // Errors name the operation that failed: the seed makes a few hundred calls.
  const graphql = (query, variables, token) =>
    send(query, variables, token).catch((error) => {
      throw new Error(`${query.slice(0, query.indexOf("("))}: ${error.message}`);
    });
  const client = { graphql, signIn, say };
  const seeded = await graphql(
    `
      query {
        vendors(first: 1) {
          edges {
            cursor
          }
        }
      }
    `,
    {},
  );
  if (seeded.vendors.edges.length > 0) return;
  await seedRexPrescriptions(client);
  const admin = await signIn("admin@pawgraph.dev");
  const me = await graphql(
    `
      {
        me {
          clinicMemberships {
            clinicId
            role
          }
        }
      }
    `,
    {},
    admin,
  );
  const clinicId = me.me.clinicMemberships.find((m) => m.role === "CLINIC_ADMIN")?.clinicId;

  const vendors = {};
  for (const [key, vendor] of Object.entries(VENDORS)) {
    const input = key === "clinic" && clinicId ? { ...vendor.input, clinicId } : vendor.input;
    const applied = await graphql(APPLY, { input }, await signIn(vendor.owner));
    if (applied.applyAsVendor.__typename !== "VendorApplication")
      throw new Error(`${input.name}: ${applied.applyAsVendor.__typename}`);
    const vendorId = applied.applyAsVendor.vendor.id;
    await graphql(REVIEW, { input: { vendorId, decision: "APPROVE" } }, admin);
    vendors[key] = { id: vendorId, token: await vendorToken(client, vendor.owner, vendorId) };
  }

  const categoryIds = {};
  for (const [path, name] of CATEGORIES) {
    const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : null;
    const slug = path.slice(path.lastIndexOf("/") + 1);
    const created = await graphql(
      CATEGORY,
      { input: { name, slug, ...(parent ? { parentId: categoryIds[parent] } : {}) } },
      admin,
    );
    categoryIds[path] = created.createCategory.id;
  }

  const locations = {};
  for (const [key, vendor] of Object.entries(vendors)) {
    const city = VENDORS[key].input.address.city;
    const created = await graphql(
      LOCATION,
      { input: { vendorId: vendor.id, name: `${city} shop`, country: "DE" } },
      vendor.token,
    );
    locations[key] = created.createStockLocation.id;
  }

  let n = 0;
  for (const product of PRODUCTS) {
    const vendor = vendors[product.vendor];
    const created = await graphql(
      PRODUCT,
      {
        input: {
          vendorId: vendor.id,
          title: product.title,
          description: product.description,
          brand: product.brand,
          categoryId: categoryIds[product.category],
          species: product.species,
          lifeStages: product.lifeStages,
          prescriptionOnly: (product.rx ?? []).length > 0,
          medicationCodes: product.rx ?? [],
          variants: product.variants.map(({ sku, options, priceMinor, weightGrams, compareAtMinor }) => ({
            sku,
            options,
            priceMinor,
            compareAtMinor,
            weightGrams,
            currency: "EUR",
            gtin: demoGtin(++n),
            taxCategory: product.rx ? "MEDICINE" : "STANDARD",
          })),
        },
      },
      vendor.token,
    );
    await graphql(PUBLISH, { input: { productId: created.createProduct.id } }, vendor.token);
    for (const [i, variant] of created.createProduct.variants.entries()) {
      // Mostly well stocked; the senior kibble's big bag runs low, to show low-stock notices.
      const onHand = variant.sku === "HT-SEN-12" ? 3 : 20 + ((n + i) % 7) * 15;
      const at = { variantId: variant.id, locationId: locations[product.vendor] };
      await graphql(ADJUST, { input: { ...at, setOnHand: onHand, reason: "Opening stock count" } }, vendor.token);
      await graphql(SET_LOW, { input: { ...at, lowLevel: 5 } }, vendor.token);
    }
  }
  say(
    `seeded the demo shop: ${PRODUCTS.length} products of the demo clinic's shop and Happy Tails (sam.shop@pawgraph.dev), and Rex's two prescriptions`,
  );
}
