import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDir } from './helpers';
import { ROOT, installPackedPackage, run } from '../helpers/packed-package';

const CONSUMER_APP = `
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { GalleyDeployment } from 'galley-mcp';

declare const process: { readonly argv: string[] };

const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'consumer');
const provider = GalleyDeployment.createOciProvider(stack, 'oci', { region: 'eu-frankfurt-1', configFileProfile: 'POC' });
const galley = new GalleyDeployment(stack, 'poc', {
  compartmentId: 'ocid1.compartment.oc1..aaaaaaaaconsumerinfra0000000000000000000000000000000',
  workCompartmentId: 'ocid1.compartment.oc1..aaaaaaaaconsumerwork00000000000000000000000000000000',
  region: 'eu-frankfurt-1',
  namePrefix: 'acme-poc',
  vcnCidr: '172.20.0.0/16',
  publicSubnetCidr: '172.20.10.0/24',
  privateSubnetCidr: '172.20.20.0/24',
  ocpus: 2,
  memoryInGbs: 8,
  imageRepository: 'fra.ocir.io/acme/galley',
  imageTag: '1.0.0',
  workCompartmentPermissions: ['read all-resources', 'use vnics'],
  provider,
});
galley.grantWorkCompartmentAccess('manage object-family');
new TerraformOutput(stack, 'mcp_endpoint_url', { value: galley.endpointUrl, sensitive: true });
new TerraformOutput(stack, 'bucket_name', { value: galley.bucketName });
app.synth();
`;

/** What a cdktf user gets from npm: the packed tarball in a fresh TypeScript app. */
describe('galley-mcp as a construct library', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'galley-consumer-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('a fresh cdktf app composes GalleyDeployment with non-default props, type-checks, synthesizes and validates', () => {
    const app = installPackedPackage(work, { extra: ['cdktf@0.21.0', 'constructs@^10.4.2'] });

    writeFileSync(join(app, 'main.ts'), CONSUMER_APP);
    // The package's own typings, checked strictly as a consumer's compiler would.
    run(process.execPath, [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--strict', '--module', 'commonjs', '--target', 'es2022', '--skipLibCheck', '--outDir', 'dist', 'main.ts',
    ], app);
    const outdir = join(app, 'cdktf.out');
    run(process.execPath, [join(app, 'dist', 'main.js'), outdir], app);

    const result = validateDir(join(outdir, 'stacks', 'consumer'));
    expect(result).toEqual({ valid: true, errors: [], warnings: [] });
  });
});
