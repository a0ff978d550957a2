import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'action/test/**/*.test.ts', 'rules/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
