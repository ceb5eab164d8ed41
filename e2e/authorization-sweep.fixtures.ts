import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { berlin, buildClinic } from "./bookings-fixtures";
import { buildProduct as buildProductRow } from "./catalog-corpus";
import { buildShopProduct, recordDelivery } from "./catalog-review-fixtures";
import {
  approvedVendor as approvedShop,
  buildProduct,
  createCategory,
  createProduct as newProduct,
  putUpload,
} from "./catalog-fixtures";
import { adminToken, post, registerUser, registerVerifiedUser, type Stack } from "./harness";
import { buildOrdersSweep } from "./authorization-sweep.orders-fixtures";
import { buildAiSweep } from "./authorization-sweep.ai-fixtures";
import { buildWellnessSweep } from "./authorization-sweep.wellness-fixtures";
import { buildInvitationSweep } from "./authorization-sweep.invitation-fixtures";
import { buildApiKeySweep } from "./authorization-sweep.api-key-fixtures";

/**
 * The two sides of the authorization sweep (e2e/authorization-sweep.e2e.test.ts). Side A is the first
 * user's world: an owner with a pet, its health record, a carer, a grant, a booking, a hold, a
 * conversation with messages and files, notifications and a push device, at an approved clinic with
 * an admin and a vet, plus a clinic still waiting for approval, a vendor application still pending, a
 * shop's draft product and a review A wrote, and A's catalog shop (applied for and approved through
 * the gateway) with its admin, a draft and a published product, an image, an uploaded CSV and a stock
 * location, and A's orders, cart and shop settings (e2e/authorization-sweep.orders-fixtures.ts). Side
 * B is the attacker: an owner with a pet of their own who is also the admin of another approved
 * clinic, with a person at another shop with its own product, stock location and an order of B's, so
 * that every field B calls has a valid rest of its input made of B's own things, and only the id
 * under test is A's.
 */
export interface SweepFixtures {
  /** Ids on A's side, by name; every case of the sweep puts one of them at the id it tests. */
  a: Record<string, string>;
  /** B's own ids and tokens; `shopToken`: B's person at a catalog vendor B sells products through (`shopId`). */
  b: Record<string, string> & { token: string; shopToken: string };
  /** Texts only A's side knows: no answer to B may contain one. */
  secrets: string[];
}

/** Runs one operation, failing the fixture build on any error. */
async function must(
  stack: Stack,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<unknown> {
  const result = await post(stack.gateway.url, { query, variables }, token);
  if (result.errors || !result.data)
    throw new Error(`fixture failed: ${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The string at a dotted path of an answer (`addCarer.id`, `pet.upcomingReminders.0.id`), or undefined. */
function at(data: unknown, path: string): string | undefined {
  const value = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], data);
  return typeof value === "string" ? value : undefined;
}

/** Like `at`, failing the fixture build when the answer has no such string. */
function idAt(data: unknown, path: string): string {
  const value = at(data, path);
  if (!value) throw new Error(`fixture failed: no ${path} in ${JSON.stringify(data)}`);
  return value;
}

async function hold(
  stack: Stack,
  token: string,
  clinic: { clinicId: string; serviceId: string; vetId: string },
  days: number,
): Promise<string> {
  const data = await must(
    stack,
    token,
    `mutation($input: HoldSlotInput!) { holdSlot(input: $input) { __typename ... on SlotHold { id } } }`,
    {
      input: {
        clinicId: clinic.clinicId,
        serviceId: clinic.serviceId,
        vetId: clinic.vetId,
        startsAt: berlin(days, "10:00"),
      },
    },
  );
  if (at(data, "holdSlot.__typename") !== "SlotHold") throw new Error(`hold failed: ${JSON.stringify(data)}`);
  return idAt(data, "holdSlot.id");
}

async function book(
  stack: Stack,
  token: string,
  clinic: { clinicId: string; serviceId: string; vetId: string },
  petId: string,
  days: number,
): Promise<string> {
  const holdId = await hold(stack, token, clinic, days);
  const data = await must(
    stack,
    token,
    `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { __typename ... on Booking { id } } }`,
    { input: { holdId, petId } },
  );
  return idAt(data, "confirmBooking.id");
}

const createPet = (stack: Stack, token: string, name: string) =>
  must(stack, token, `mutation($input: CreatePetInput!) { createPet(input: $input) { ... on Pet { id } } }`, {
    input: { name, species: "DOG" },
  }).then((d) => idAt(d, "createPet.id"));

const startConversation = (stack: Stack, token: string, input: Record<string, unknown>) =>
  must(stack, token, `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, {
    input,
  }).then((d) => idAt(d, "startConversation.id"));

export async function buildSweepFixtures(stack: Stack): Promise<SweepFixtures> {
  const tag = randomUUID().slice(0, 6);
  const secrets = {
    petName: `Secret pet ${tag}`,
    productTitle: `Secret product ${tag}`,
    subject: `Secret subject ${tag}`,
    text: `Secret text ${tag}`,
    note: `Secret note ${tag}`,
    shop: `Secret shop ${tag}`,
  };

  // Side A: the clinics, then the owner and everything they have there.
  const clinicA = await buildClinic(stack);
  const vetA = clinicA.vets[0]!;
  const pending = await buildClinic(stack, { approve: false });
  const owner = await registerUser(stack, "sweep-owner-a");
  const petId = await createPet(stack, owner.token, secrets.petName);
  const carer = await must(stack, owner.token, `mutation($input: AddCarerInput!) { addCarer(input: $input) { id } }`, {
    input: { petId, email: `carer-${tag}@example.test` },
  });
  const grant = await must(
    stack,
    owner.token,
    `mutation($input: GrantRecordAccessInput!) { grantRecordAccess(input: $input) { id } }`,
    { input: { petId, clinicId: clinicA.clinicId } },
  );
  const onClinicA = { clinicId: clinicA.clinicId, serviceId: clinicA.serviceId, vetId: vetA.user.id };
  const bookingId = await book(stack, owner.token, onClinicA, petId, 2);
  const holdId = await hold(stack, owner.token, onClinicA, 3);
  const visit = await must(
    stack,
    vetA.token,
    `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`,
    {
      input: {
        petId,
        clinicId: clinicA.clinicId,
        reason: secrets.note,
        vaccinations: [{ vaccine: "Rabies", vaccineCode: "RABIES", nextDueOn: berlin(20, "10:00").slice(0, 10) }],
      },
    },
  );
  const alert = await must(
    stack,
    vetA.token,
    `mutation($input: AddClinicalAlertInput!) { addClinicalAlert(input: $input) { id } }`,
    { input: { petId, clinicId: clinicA.clinicId, alert: secrets.note } },
  );
  const reminders = await must(stack, owner.token, `query($id: ID!) { pet(id: $id) { upcomingReminders { id } } }`, {
    id: petId,
  });
  const attachment = await must(
    stack,
    owner.token,
    `mutation($input: RequestAttachmentUploadInput!) { requestAttachmentUpload(input: $input) { attachment { id } } }`,
    {
      input: { petId, fileName: "xray.pdf", contentType: "application/pdf", sizeBytes: 1000 },
    },
  );
  const conversationId = await startConversation(stack, owner.token, {
    clinicId: clinicA.clinicId,
    petId,
    subject: secrets.subject,
    text: secrets.text,
  });
  const message = await must(
    stack,
    owner.token,
    `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
    { input: { conversationId, text: secrets.text } },
  );
  const flagged = await must(
    stack,
    owner.token,
    `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
    { input: { conversationId, text: "You are an idiot" } },
  );
  const messageFile = await must(
    stack,
    owner.token,
    `mutation($input: RequestMessageAttachmentUploadInput!) { requestMessageAttachmentUpload(input: $input) { attachmentId } }`,
    {
      input: { conversationId, fileName: "photo.jpg", contentType: "image/jpeg", sizeBytes: 1000 },
    },
  );
  const device = await must(
    stack,
    owner.token,
    `mutation($input: RegisterPushDeviceInput!) { registerPushDevice(input: $input) { id } }`,
    { input: { token: `fcm-${tag}`, platform: "ANDROID" } },
  );
  const rules = await must(stack, owner.token, `{ recallRules { id } }`);
  // A's shop, still PENDING: only A and platform admins may see it (a verified user applies).
  const vendorOwner = await registerVerifiedUser(stack, "sweep-vendor-a");
  const vendor = await must(
    stack,
    vendorOwner.token,
    `mutation($input: ApplyAsVendorInput!) { applyAsVendor(input: $input) { ... on VendorApplication { vendor { id } } } }`,
    {
      input: {
        name: secrets.shop,
        contactEmail: `shop-${tag}@example.test`,
        address: { line: "Hauptstraße 1", city: "Berlin", country: "DE" },
        currency: "EUR",
      },
    },
  );
  // The booking tells the owner (messaging consumes booking.confirmed): A's notification.
  let notificationId: string | undefined;
  for (let i = 0; i < 50 && !notificationId; i++) {
    if (i) await new Promise((resolve) => setTimeout(resolve, 100));
    notificationId = at(
      await must(stack, owner.token, `{ notifications(first: 1) { edges { node { id } } } }`),
      "notifications.edges.0.node.id",
    );
  }
  if (!notificationId) throw new Error("A's booking notification did not arrive");

  // Catalog rows by SQL (e2e/catalog-corpus.ts): a draft product only its vendor sees, and a public
  // product A received and reviewed. Deliveries stand in for orders' order.delivered.
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const shop = await buildShopProduct(db);
  const draftProductId = await buildProductRow(db, { ...shop, status: "DRAFT" });
  await recordDelivery(db, owner.user.id, shop.productId);
  const reviewed = await must(
    stack,
    owner.token,
    `mutation($input: ReviewProductInput!) { reviewProduct(input: $input) { __typename } }`,
    { input: { productId: shop.productId, rating: 4, body: "Good food" } },
  );
  if (at(reviewed, "reviewProduct.__typename") !== "Review")
    throw new Error(`review failed: ${JSON.stringify(reviewed)}`);

  // Side B: the admin of another approved clinic, who also owns a pet that their clinic may see.
  const clinicB = await buildClinic(stack);
  const b = clinicB.clinicAdmin;
  const petB = await createPet(stack, b.token, `B's pet ${tag}`);
  await must(stack, b.token, `mutation($input: GrantRecordAccessInput!) { grantRecordAccess(input: $input) { id } }`, {
    input: { petId: petB, clinicId: clinicB.clinicId },
  });
  const onClinicB = { clinicId: clinicB.clinicId, serviceId: clinicB.serviceId, vetId: clinicB.vets[0]!.user.id };
  const bookingB = await book(stack, b.token, onClinicB, petB, 2);
  const holdB = await hold(stack, b.token, onClinicB, 3);
  const conversationB = await startConversation(stack, b.token, {
    clinicId: clinicA.clinicId,
    subject: "B asks",
    text: "Hello",
  });
  // B received A's draft product too: what hides it from B is that only its vendor sees drafts.
  await recordDelivery(db, b.user.id, draftProductId).finally(() => db.end());

  // The catalog: A's vendor with a DRAFT product, its variant, an image and an uploaded CSV; B's own vendor and product.
  const category = await createCategory(stack, await adminToken(stack));
  const [shopA, shopB] = await Promise.all([approvedShop(stack, "sweep-shop-a"), approvedShop(stack, "sweep-shop-b")]);
  const productA = await newProduct(
    stack,
    shopA.token,
    buildProduct(shopA.vendorId, category.id, { title: secrets.productTitle }),
  );
  const productB = await newProduct(stack, shopB.token, buildProduct(shopB.vendorId, category.id));
  // A published product of A's in the same category: what search by A's category or vendor shows B.
  const publishedA = await newProduct(stack, shopA.token, buildProduct(shopA.vendorId, category.id));
  const published = await must(
    stack,
    shopA.token,
    `mutation($input: ProductIdInput!) { publishProduct(input: $input) { ... on Product { id } } }`,
    { input: { productId: publishedA.id } },
  );
  idAt(published, "publishProduct.id");
  // Each shop's stock location, made through the gateway as its people do.
  const [locationA, locationB] = await Promise.all(
    [shopA, shopB].map((s) =>
      must(
        stack,
        s.token,
        `mutation($input: CreateStockLocationInput!) { createStockLocation(input: $input) { id } }`,
        { input: { vendorId: s.vendorId, name: "Warehouse", country: "DE" } },
      ).then((d) => idAt(d, "createStockLocation.id")),
    ),
  );
  const imageA = await must(
    stack,
    shopA.token,
    `mutation($input: AddProductImageInput!) { addProductImage(input: $input) { image { id } } }`,
    { input: { productId: productA.id, file: { fileName: "a.png", contentType: "image/png", sizeBytes: 100 } } },
  );
  const csv = Buffer.from(
    `title,category,sku,price_minor,currency\n${secrets.productTitle},${category.path},S1,100,EUR\n`,
  );
  const importA = await must(
    stack,
    shopA.token,
    `mutation($input: RequestProductImportUploadInput!) { requestProductImportUpload(input: $input) { fileId url method headers { name value } expiresAt } }`,
    {
      input: {
        vendorId: shopA.vendorId,
        file: { fileName: "a.csv", contentType: "text/csv", sizeBytes: csv.length },
      },
    },
  );
  const upload = (
    importA as { requestProductImportUpload: { url: string; headers: { name: string; value: string }[] } }
  ).requestProductImportUpload;
  if ((await putUpload(upload, csv)).status !== 200) throw new Error("fixture failed: CSV upload");
  // Orders: A's order from A's shop (its published product), B's from B's; carts, coupons, settings.
  const orders = await buildOrdersSweep(stack, {
    admin: await adminToken(stack),
    a: { token: owner.token, shop: shopA, variantId: publishedA.variants[0]!.id, locationId: locationA!, petId },
    b: { token: b.token, shop: shopB, locationId: locationB!, petId: petB },
  });
  // ai: A's thread with the assistant, A's clinic's document and upload slot.
  const ai = await buildAiSweep(
    stack,
    { a: { ownerToken: owner.token, petId, clinicId: clinicA.clinicId, clinicAdminToken: clinicA.clinicAdmin.token } },
    secrets.note,
  );

  const wellness = await buildWellnessSweep(stack);
  const apiKeys = await buildApiKeySweep(stack);

  return {
    a: {
      userId: owner.user.id,
      petId,
      carerId: idAt(carer, "addCarer.id"),
      grantId: idAt(grant, "grantRecordAccess.id"),
      clinicId: clinicA.clinicId,
      serviceId: clinicA.serviceId,
      vetId: vetA.user.id,
      pendingClinicId: pending.clinicId,
      pendingServiceId: pending.serviceId,
      bookingId,
      holdId,
      visitId: idAt(visit, "recordVisit.id"),
      alertId: idAt(alert, "addClinicalAlert.id"),
      reminderId: idAt(reminders, "pet.upcomingReminders.0.id"),
      attachmentId: idAt(attachment, "requestAttachmentUpload.attachment.id"),
      conversationId,
      messageId: idAt(message, "sendMessage.id"),
      flaggedMessageId: idAt(flagged, "sendMessage.id"),
      messageAttachmentId: idAt(messageFile, "requestMessageAttachmentUpload.attachmentId"),
      notificationId: notificationId,
      deviceId: idAt(device, "registerPushDevice.id"),
      recallRuleId: idAt(rules, "recallRules.0.id"),
      pendingVendorId: idAt(vendor, "applyAsVendor.vendor.id"),
      vendorId: shopA.vendorId,
      shopAdminId: shopA.userId,
      draftProductId,
      reviewedProductId: shop.productId,
      shopId: shopA.vendorId,
      categoryId: category.id,
      productId: productA.id,
      variantId: productA.variants[0]!.id,
      publishedProductId: publishedA.id,
      stockLocationId: locationA!,
      imageId: idAt(imageA, "addProductImage.image.id"),
      importFileId: idAt(importA, "requestProductImportUpload.fileId"),
      ...orders.a,
      ...ai.a,
      ...wellness.a,
      ...(await buildInvitationSweep(stack, owner.token, petId)).a,
      ...apiKeys.a,
    },
    b: {
      token: b.token,
      userId: b.user.id,
      petId: petB,
      clinicId: clinicB.clinicId,
      serviceId: clinicB.serviceId,
      vetId: onClinicB.vetId,
      bookingId: bookingB,
      holdId: holdB,
      conversationId: conversationB,
      shopToken: shopB.token,
      shopId: shopB.vendorId,
      productId: productB.id,
      variantId: productB.variants[0]!.id,
      stockLocationId: locationB!,
      ...orders.b,
    },
    secrets: [...Object.values(secrets), ...orders.secrets, owner.email, vendorOwner.email],
  };
}
