/**
 * What e2e tests import: the composed stack started in-process (`stack.ts`) and the fixture builders
 * that make accounts, pets and clinics through it (`fixtures.ts`), its own gateways (`test-gateway.ts`) and
 * the HTTP client that sends typed operations (`graphql-client.ts`).
 */
export * from "./stack";
export * from "./test-gateway";
export * from "./graphql-client";
export * from "./fixtures";
