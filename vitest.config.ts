import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/** GitHub's workflow parser ships source-map comments without the sources: vite would warn on each file. */
const workflowParserWithoutSourceMaps: Plugin = {
  name: 'workflow-parser-without-source-maps',
  enforce: 'pre',
  load(id) {
    if (!/[\\/]node_modules[\\/]@actions[\\/]workflow-parser[\\/].*\.js$/.test(id)) return null;
    return readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
  },
};

export default defineConfig({
  plugins: [workflowParserWithoutSourceMaps],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The parser imports its JSON schema without an import attribute, which vite (not Node) loads.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
