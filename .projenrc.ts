import { JsonFile, cdktf, javascript } from 'projen';

const project = new cdktf.ConstructLibraryCdktf({
  name: 'galley-mcp',
  description:
    'Galley: an MCP server for Oracle Cloud presales work (hearing, design, PoC), and the cdktf construct that deploys it on OCI.',
  author: 'Galley',
  authorAddress: 'galley@example.com',
  repositoryUrl: 'https://github.com/galley/galley-mcp.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  license: 'Apache-2.0',
  keywords: ['mcp', 'oci', 'oracle-cloud', 'cdktf', 'model-context-protocol'],

  cdktfVersion: '^0.21.0',
  constructsVersion: '^10.4.2',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  minNodeVersion: '20.0.0',

  // The server ships in this package but is not part of the jsii API; its
  // runtime dependencies are bundled so the tarball runs on its own.
  bundledDeps: [
    '@modelcontextprotocol/sdk@^1.32.2',
    'koa@^3.3.0',
    'pino@^10.4.0',
    'zod@^4.6.7',
  ],
  devDeps: ['@types/koa@^3', '@types/node@^20'],
  bin: { 'galley-server': 'lib/server/main.js' },

  // .ci/run is the CI; no publishing pipeline or bots from here.
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  githubOptions: { mergify: false },
  pullRequestTemplate: false,

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      collectCoverage: false,
      testTimeout: 120_000,
      // Tests start real servers and child processes; two cores, two workers.
      maxWorkers: 2,
    },
  },
  gitignore: ['/.galley/', '/bench/results/'],
});

// eslint-plugin-import cannot follow the SDK's package `exports` map; tsc
// (which jsii and the typecheck task run) checks those imports instead.
project.eslint?.addRules({
  'import/no-unresolved': ['error', { ignore: ['^@modelcontextprotocol/sdk/'] }],
});

// `npx projen serve`: the README's first command after install. Compiles,
// then runs the server on the embedded file store with local defaults.
const serve = project.addTask('serve', {
  description: 'Compile and run the Galley MCP server locally (file store, 127.0.0.1:8000)',
});
serve.spawn(project.compileTask);
serve.exec('node lib/server/main.js');

// Type check everything jsii does not compile (tests and benchmarks).
new JsonFile(project, 'bench/tsconfig.json', {
  obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..' }, include: ['**/*.ts'] },
});
const typecheck = project.addTask('typecheck', {
  description: 'Type-check tests and benchmarks',
});
typecheck.exec('tsc --noEmit -p test/tsconfig.json');
typecheck.exec('tsc --noEmit -p bench/tsconfig.json');
project.testTask.prependSpawn(typecheck);

const bench = project.addTask('bench', {
  description: 'Benchmark save_answer against a bare MCP SDK server (on demand; not part of test)',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only --project test/tsconfig.json bench/save-answer.bench.ts', { receiveArgs: true });

project.synth();
