// Jest: @swc/jest (decorator metadata on) for speed; type checking is `npm run typecheck`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/**/*.test.ts"],
  // clients/web: only its *.test.ts (run by Jest in Node); its build output never.
  testPathIgnorePatterns: ["/node_modules/", "/.data/", "<rootDir>/clients/web/dist/"],
  // .data holds built trees (the gateway bench's production tree, bench/gateways/build.mjs) whose package.json
  // files would name the workspaces' packages a second time in Jest's module map.
  modulePathIgnorePatterns: ["<rootDir>/.data/"],
  transform: {
    "^.+\\.(ts|js)$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: "es2022",
          keepClassNames: true,
        },
        module: { type: "commonjs" },
      },
    ],
  },
  // jose, otplib's @scure/base and @noble/hashes, and openid-client with its oauth4webapi are ESM-only; Node 20.19+ requires them natively,
  // but Jest (before Node 24) cannot require ESM, so they are compiled to CommonJS too.
  transformIgnorePatterns: ["/node_modules/(?!(jose|@scure/base|@noble/hashes|openid-client|oauth4webapi)/)"],
  globalSetup: "<rootDir>/e2e/global-setup.mjs",
  globalTeardown: "<rootDir>/e2e/global-teardown.mjs",
  // Hooks too: a stack of nine subgraphs and the gateway takes well over 10 s to start on a loaded
  // 2-CPU machine, and a file's beforeAll that starts one timed out at 30 s once in CI.
  testTimeout: 60_000,
  maxWorkers: 2,
  // Each test file loads the nine subgraphs afresh in its own context, and not every context is
  // released: a worker that had run thirty stack files held ~3 GB and ran out of heap in CI (GC thrash
  // before that). A worker holding more than this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: "1GB",
};
