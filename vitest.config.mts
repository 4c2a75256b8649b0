import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    // One module graph for all test files instead of a fresh one each: the suite's modules keep no
    // state between tests (no mocks, no stubbed globals), and loading them 70 times over took
    // more time than the tests.
    isolate: false,
  },
});
