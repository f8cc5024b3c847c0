import { javascript } from 'projen';
import { JobPermission } from 'projen/lib/github/workflows-model';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'ci', version: '1' } },
});

/**
 * In the container: every node process's parent is PID 1 (tini), and there is
 * one. Only /proc and sh, which the image has (no pgrep or ps).
 */
const NODE_IS_CHILD_OF_PID_1 = [
  'found=0',
  'for s in /proc/[0-9]*/status; do',
  'grep -q "^Name:[[:space:]]*node$" "$s" 2>/dev/null || continue',
  'grep -q "^PPid:[[:space:]]*1$" "$s" || exit 1',
  'found=1',
  'done',
  'test "$found" = 1',
].join('; ').replace(/do; /g, 'do ');

/** The Resource Manager stack zip `npx projen deploy:stack-zip` builds (scripts/stack-zip.ts). */
const STACK_ZIP = 'dist/resource-manager/galley-mcp-stack.zip';

/**
 * .github/workflows/image.yml: builds docker/Dockerfile for amd64 and arm64
 * (arm64 under QEMU), runs each image and checks /health, the MCP handshake and the tools
 * inside it; on a `v*` tag, publishes the multi-arch image to GHCR and attaches
 * the Resource Manager stack zip to the tag's release (the README's "Deploy to
 * Oracle Cloud" button points at that asset).
 */
export function addImageWorkflow(project: javascript.NodeProject): void {
  const workflow = project.github!.addWorkflow('image');
  workflow.on({
    pullRequest: {},
    push: { branches: ['main'], tags: ['v*'] },
    workflowDispatch: {},
  });
  workflow.addJobs({
    'test': {
      name: 'build and check (${{ matrix.arch }})',
      runsOn: ['ubuntu-latest'],
      permissions: { contents: JobPermission.READ },
      strategy: {
        failFast: false,
        matrix: {
          domain: {},
          include: [{ arch: 'amd64' }, { arch: 'arm64' }],
        },
      },
      steps: [
        { uses: 'actions/checkout@v4' },
        { uses: 'docker/setup-qemu-action@v3' },
        { uses: 'docker/setup-buildx-action@v3' },
        {
          name: 'Build',
          uses: 'docker/build-push-action@v6',
          with: {
            context: '.',
            file: 'docker/Dockerfile',
            platforms: 'linux/${{ matrix.arch }}',
            load: true,
            tags: 'galley:test',
          },
        },
        {
          name: 'Start, wait for /health and for the HEALTHCHECK',
          run: [
            'token="$(openssl rand -hex 32)"',
            'echo "::add-mask::$token"',
            'echo "GALLEY_URL_TOKEN=$token" >> "$GITHUB_ENV"',
            'docker run --platform "linux/${{ matrix.arch }}" -d --name galley -p 8000:8000 -e GALLEY_URL_TOKEN="$token" galley:test',
            'for _ in $(seq 1 30); do curl -fsS http://127.0.0.1:8000/health && break; sleep 1; done',
            'curl -fsS http://127.0.0.1:8000/health',
            'for _ in $(seq 1 40); do [ "$(docker inspect -f \'{{.State.Health.Status}}\' galley)" = healthy ] && break; sleep 1; done',
            'test "$(docker inspect -f \'{{.State.Health.Status}}\' galley)" = healthy',
          ].join('\n'),
        },
        {
          name: 'MCP handshake',
          run: [
            'curl -fsS -X POST "http://127.0.0.1:8000/$GALLEY_URL_TOKEN/mcp" \\',
            "  -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \\",
            `  -d '${INITIALIZE}' > initialize.json`,
            'grep -q \'"name":"galley"\' initialize.json',
            'test "$(curl -s -o /dev/null -w \'%{http_code}\' -X POST http://127.0.0.1:8000/wrong-token/mcp)" = 401',
          ].join('\n'),
        },
        {
          name: 'Tools in the image',
          run: [
            'docker run --platform "linux/${{ matrix.arch }}" --rm --entrypoint terraform galley:test version',
            // The local validate must run Resource Manager's Terraform: the Dockerfile's pin, nothing newer.
            'docker run --platform "linux/${{ matrix.arch }}" --rm --entrypoint terraform galley:test version -json \\',
            '  | grep -Eq "\\"terraform_version\\": *\\"$(sed -n \'s/^ARG TERRAFORM_VERSION=//p\' docker/Dockerfile)\\""',
            'docker run --platform "linux/${{ matrix.arch }}" --rm --entrypoint oci galley:test --version',
            'docker run --platform "linux/${{ matrix.arch }}" --rm --entrypoint kubectl galley:test version --client',
            'docker run --platform "linux/${{ matrix.arch }}" --rm --entrypoint python3 galley:test --version',
            'docker run --platform "linux/${{ matrix.arch }}" --rm --entrypoint id galley:test -u | grep -qv \'^0$\'',
          ].join('\n'),
        },
        {
          // tini reaps the terraform/oci processes the server spawns and forwards SIGTERM.
          name: 'tini is PID 1, the server its child, as a numeric non-root user',
          run: [
            'test "$(docker exec galley cat /proc/1/comm)" = tini',
            `docker exec galley sh -c '${NODE_IS_CHILD_OF_PID_1}'`,
            'test "$(docker inspect -f \'{{.Config.User}}\' galley)" = 1000:1000',
          ].join('\n'),
        },
        {
          name: 'terraform init uses the bundled oracle/oci offline',
          run: [
            'docker run --platform "linux/${{ matrix.arch }}" --rm --network none --entrypoint sh galley:test -c \\',
            '  \'cd "$(mktemp -d)" && echo "{\\"terraform\\":{\\"required_providers\\":{\\"oci\\":{\\"source\\":\\"oracle/oci\\"}}}}" > main.tf.json && terraform init -backend=false\'',
          ].join('\n'),
        },
        {
          name: 'SIGTERM stops it cleanly',
          run: [
            'docker stop --time 35 galley',
            'test "$(docker inspect -f \'{{.State.ExitCode}}\' galley)" = 0',
          ].join('\n'),
        },
        {
          name: 'Logs',
          if: 'always()',
          run: 'docker logs galley || true',
        },
      ],
    },
    'publish': {
      name: 'publish',
      needs: ['test'],
      if: "startsWith(github.ref, 'refs/tags/v')",
      runsOn: ['ubuntu-latest'],
      permissions: { contents: JobPermission.READ, packages: JobPermission.WRITE },
      steps: [
        { uses: 'actions/checkout@v4' },
        {
          // GalleyDeployment's default image tag is the package version, so
          // the image must be published under exactly that version.
          name: 'The tag is the package version',
          run: 'test "${GITHUB_REF_NAME#v}" = "$(node -p "require(\'./package.json\').version")"',
        },
        { uses: 'docker/setup-qemu-action@v3' },
        { uses: 'docker/setup-buildx-action@v3' },
        {
          uses: 'docker/login-action@v3',
          with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' },
        },
        {
          id: 'meta',
          uses: 'docker/metadata-action@v5',
          with: {
            images: 'ghcr.io/${{ github.repository }}',
            tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=raw,value=latest',
          },
        },
        {
          uses: 'docker/build-push-action@v6',
          with: {
            context: '.',
            file: 'docker/Dockerfile',
            platforms: 'linux/amd64,linux/arm64',
            push: true,
            tags: '${{ steps.meta.outputs.tags }}',
            labels: '${{ steps.meta.outputs.labels }}',
          },
        },
      ],
    },
    'stack-zip': {
      name: 'attach the Resource Manager stack to the release',
      // Only once the image it deploys is published.
      needs: ['test', 'publish'],
      if: "startsWith(github.ref, 'refs/tags/v')",
      runsOn: ['ubuntu-latest'],
      // Writing a release asset is the one thing that needs contents: write.
      permissions: { contents: JobPermission.WRITE },
      steps: [
        { uses: 'actions/checkout@v4' },
        { uses: 'actions/setup-node@v4', with: { 'node-version': '24' } },
        { name: 'Install', run: 'npm ci --no-audit --no-fund' },
        {
          // The zip's image_tag default is the image it deploys: the one this tag publishes.
          name: "The stack's default image is this release's",
          run: 'test "${GITHUB_REF_NAME#v}" = "$(node -p "require(\'./deploy/terraform/main.tf.json\').variable.image_tag.default")"',
        },
        { name: 'Build the stack zip', run: 'npx projen deploy:stack-zip' },
        {
          name: 'Attach it to the release',
          env: { GH_TOKEN: '${{ github.token }}' },
          run: [
            'gh release view "$GITHUB_REF_NAME" > /dev/null 2>&1 || gh release create "$GITHUB_REF_NAME" --verify-tag --title "$GITHUB_REF_NAME" --notes "Galley $GITHUB_REF_NAME"',
            `gh release upload "$GITHUB_REF_NAME" ${STACK_ZIP} --clobber`,
          ].join('\n'),
        },
      ],
    },
  });
}
