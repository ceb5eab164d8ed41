/**
 * What e2e tests import: the composed stack started in-process (`stack.ts`) and the fixture builders
 * that make accounts, pets and clinics through it (`fixtures.ts`).
 */
export * from "./stack";
export * from "./fixtures";
