// Generates the oracle/oci provider bindings the construct uses, the way
// `cdktf get` does: terraform init in a scratch directory that requires the
// provider, `terraform providers schema -json`, keep only the types we use,
// and run cdktf's own generator. The output is git-ignored and never edited.
//
//   ts-node scripts/generate-oci-bindings.ts [--force]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConstructsMakerProviderTarget, LANGUAGES, TerraformProviderConstraint } from '@cdktf/commons';
import { CodeMaker, TerraformProviderGenerator } from '@cdktf/provider-generator';
import { REPO_ROOT, TERRAFORM_SCRATCH, terraformInit, terraformOrThrow } from './terraform';
import {
  OCI_PROVIDER_SOURCE,
  OCI_PROVIDER_VERSION_CONSTRAINT,
} from '../src/deployment/oci-provider-version';

/** Every resource type GalleyDeployment creates. */
export const OCI_RESOURCE_TYPES = [
  'oci_apigateway_deployment',
  'oci_apigateway_gateway',
  'oci_container_instances_container_instance',
  'oci_core_default_security_list',
  'oci_core_internet_gateway',
  'oci_core_nat_gateway',
  'oci_core_route_table',
  'oci_core_security_list',
  'oci_core_service_gateway',
  'oci_core_subnet',
  'oci_core_vcn',
  'oci_identity_dynamic_group',
  'oci_identity_policy',
  'oci_objectstorage_bucket',
  'oci_objectstorage_object_lifecycle_policy',
] as const;

/** Every data source GalleyDeployment reads. */
export const OCI_DATA_SOURCE_TYPES = [
  'oci_core_services',
  'oci_identity_availability_domains',
  'oci_identity_region_subscriptions',
  'oci_objectstorage_namespace',
] as const;

export const BINDINGS_DIR = join(REPO_ROOT, 'src', 'generated', 'oci');
const STAMP = join(BINDINGS_DIR, '.stamp');
const PROVIDER_FQN = `registry.terraform.io/${OCI_PROVIDER_SOURCE}`;

interface ProviderSchemas {
  format_version: string;
  provider_schemas: Record<string, {
    provider: unknown;
    resource_schemas?: Record<string, unknown>;
    data_source_schemas?: Record<string, unknown>;
  }>;
}

/** What the bindings depend on: this script, the type lists and the constraint. */
function inputsHash(): string {
  return createHash('sha256')
    .update(readFileSync(__filename))
    .update(readFileSync(join(REPO_ROOT, 'src', 'deployment', 'oci-provider-version.ts')))
    .update(readFileSync(join(REPO_ROOT, 'scripts', 'terraform.ts')))
    .digest('hex');
}

function readProviderSchema(): ProviderSchemas {
  const dir = join(TERRAFORM_SCRATCH, 'oci-schema');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({
    terraform: {
      required_providers: {
        oci: { source: OCI_PROVIDER_SOURCE, version: OCI_PROVIDER_VERSION_CONSTRAINT },
      },
    },
  }, null, 2));
  terraformInit(dir);
  return JSON.parse(terraformOrThrow(['providers', 'schema', '-json'], dir));
}

/** Only the provider block and the types the construct uses, so the bindings stay small. */
export function filterSchema(full: ProviderSchemas): ProviderSchemas {
  const provider = full.provider_schemas[PROVIDER_FQN];
  if (!provider) throw new Error(`terraform providers schema printed no ${PROVIDER_FQN}`);
  const pick = (from: Record<string, unknown> | undefined, types: readonly string[], kind: string) =>
    Object.fromEntries(types.map((type) => {
      const schema = from?.[type];
      if (!schema) throw new Error(`${PROVIDER_FQN} has no ${kind} ${type}`);
      return [type, schema];
    }));
  return {
    format_version: full.format_version,
    provider_schemas: {
      [PROVIDER_FQN]: {
        provider: provider.provider,
        resource_schemas: pick(provider.resource_schemas, OCI_RESOURCE_TYPES, 'resource'),
        data_source_schemas: pick(provider.data_source_schemas, OCI_DATA_SOURCE_TYPES, 'data source'),
      },
    },
  };
}

async function generate(schema: ProviderSchemas): Promise<void> {
  const out = join(TERRAFORM_SCRATCH, 'oci-bindings');
  rmSync(out, { recursive: true, force: true });
  // generateProviderBindingsFromSchema() would drop the version constraint;
  // this is the same generator, told the constraint as `cdktf get` tells it.
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema as never);
  generator.generate(new ConstructsMakerProviderTarget(
    new TerraformProviderConstraint({
      name: 'oci',
      source: OCI_PROVIDER_SOURCE,
      version: OCI_PROVIDER_VERSION_CONSTRAINT,
    }),
    LANGUAGES[0],
  ));
  await code.save(out);
  // Only the TypeScript is needed; the per-resource READMEs and the lazy
  // index would just be more for jsii to compile and ship.
  rmSync(BINDINGS_DIR, { recursive: true, force: true });
  mkdirSync(join(BINDINGS_DIR, '..'), { recursive: true });
  renameSync(join(out, 'providers', 'oci'), BINDINGS_DIR);
  rmSync(join(BINDINGS_DIR, 'lazy-index.ts'), { force: true });
  for (const entry of readdirSync(BINDINGS_DIR, { withFileTypes: true })) {
    if (entry.isDirectory()) rmSync(join(BINDINGS_DIR, entry.name, 'README.md'), { force: true });
  }
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const hash = inputsHash();
  if (!force && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash) {
    return;
  }
  const started = Date.now();
  await generate(filterSchema(readProviderSchema()));
  writeFileSync(STAMP, `${hash}\n`);
  process.stderr.write(`oracle/oci bindings generated in ${BINDINGS_DIR} (${Date.now() - started} ms)\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
