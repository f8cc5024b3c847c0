import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// The tenancy's home region, where IAM changes are made.
const home = GalleyDeployment.createOciProvider(stack, 'oci-home', { region: 'us-ashburn-1', configFileProfile: 'POC', alias: 'home' });
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
  availabilityDomainIndex: 1,
  previousVersionRetentionDays: 14,
  provider,
  homeRegionProvider: home,
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

    const stackDir = join(outdir, 'stacks', 'consumer');
    // Its own providers: the identity resources through its home-region one, the rest through the other.
    const synthesized = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
    expect(synthesized.provider.oci).toEqual([
      { config_file_profile: 'POC', region: 'eu-frankfurt-1' },
      { alias: 'home', config_file_profile: 'POC', region: 'us-ashburn-1' },
    ]);
    expect(synthesized.data.oci_identity_region_subscriptions).toBeUndefined();
    for (const [type, byName] of Object.entries<Record<string, any>>(synthesized.resource)) {
      if (!type.startsWith('oci_')) continue;
      const expected = type.startsWith('oci_identity_') ? 'oci.home' : 'oci';
      for (const body of Object.values(byName)) expect([type, body.provider]).toEqual([type, expected]);
    }

    const result = validateDir(stackDir);
    expect(result).toEqual({ valid: true, errors: [], warnings: [] });
  });
});
