// The standard Galley stack: four inputs, one URL out.
//
//   cdktf synth          (or: npx projen deploy:synth, which also refreshes deploy/terraform/)
//   cd cdktf.out/stacks/galley && terraform init && terraform apply
import { App, Fn, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { GalleyDeployment } from '../src';
import { DEFAULT_IMAGE_REPOSITORY, DEFAULT_IMAGE_TAG } from '../src/deployment/props';

/**
 * The Terraform versions the stack runs on: Resource Manager's 1.5.x (the one
 * the "Deploy to Oracle Cloud" stack gets) and everything newer. Nothing in the
 * stack needs more than 1.4 (`terraform_data`).
 */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.5.0';

const OCID = '^ocid1\\\\.(compartment|tenancy)\\\\.[a-z0-9]+\\\\.[a-z0-9-]*\\\\.[a-z0-9]+$';
// The work compartment is never the tenancy: a work policy "in tenancy" would
// cover Galley's own compartment. (Empty, it is compartment_id, tenancy or not.)
const COMPARTMENT_OCID = '^ocid1\\\\.compartment\\\\.[a-z0-9]+\\\\.[a-z0-9-]*\\\\.[a-z0-9]+$';

export class GalleyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State stays beside the configuration; a relative path keeps the
    // synthesized stack free of anything machine-specific.
    new LocalBackend(this, { path: 'terraform.tfstate' });
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);

    const compartmentId = new TerraformVariable(this, 'compartment_id', {
      type: 'string',
      description: 'OCID of the compartment for Galley\'s network, gateway, container instance and bucket.',
      validation: [{
        condition: `\${can(regex("${OCID}", var.compartment_id))}`,
        errorMessage: 'compartment_id must be a compartment or tenancy OCID (ocid1.compartment.oc1..…).',
      }],
    });
    const region = new TerraformVariable(this, 'region', {
      type: 'string',
      description: 'OCI region identifier to deploy to, e.g. ap-tokyo-1.',
      validation: [{
        condition: '${can(regex("^[a-z]+(-[a-z]+)+-[0-9]+$", var.region))}',
        errorMessage: 'region must be an OCI region identifier such as ap-tokyo-1.',
      }],
    });
    const workCompartmentId = new TerraformVariable(this, 'galley_work_compartment_id', {
      type: 'string',
      default: '',
      description: 'OCID of the compartment Galley\'s tools may work in (read-only by default). Empty means compartment_id.',
      validation: [{
        condition: `\${var.galley_work_compartment_id == "" || can(regex("${COMPARTMENT_OCID}", var.galley_work_compartment_id))}`,
        errorMessage: 'galley_work_compartment_id must be empty or a compartment OCID (ocid1.compartment.…), not the tenancy.',
      }],
    });
    const imageTag = new TerraformVariable(this, 'image_tag', {
      type: 'string',
      // The release this stack was synthesized from publishes its image under its own version.
      default: DEFAULT_IMAGE_TAG,
      description: `Tag of the Galley image (${DEFAULT_IMAGE_REPOSITORY}) to run; the default is the release this stack comes from.`,
      validation: [{
        condition: '${can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))}',
        errorMessage: 'image_tag must be a valid image tag.',
      }],
    });

    const provider = GalleyDeployment.createOciProvider(this, 'oci', { region: region.stringValue });
    const galley = new GalleyDeployment(this, 'galley', {
      provider,
      compartmentId: compartmentId.stringValue,
      region: region.stringValue,
      workCompartmentId: Fn.coalesce([workCompartmentId.stringValue, compartmentId.stringValue]),
      imageTag: imageTag.stringValue,
    });

    new TerraformOutput(this, 'mcp_endpoint_url', {
      value: galley.endpointUrl,
      sensitive: true,
      description: 'The MCP endpoint with its token: paste it into your MCP host. Read it with `terraform output -raw mcp_endpoint_url`.',
    });
    new TerraformOutput(this, 'gateway_hostname', { value: galley.gatewayHostname, description: 'The API Gateway hostname.' });
    new TerraformOutput(this, 'bucket_name', { value: galley.bucketName, description: 'The bucket that holds the sessions.' });
    new TerraformOutput(this, 'container_instance_id', {
      value: galley.containerInstanceId,
      description: 'OCID of the Container Instance running Galley.',
    });
  }
}

/** Synthesizes the app into `outdir`; cdktf synth runs this file as the app. */
export function synthesize(outdir: string): void {
  const app = new App({ outdir });
  new GalleyStack(app, 'galley');
  app.synth();
}

if (require.main === module) {
  synthesize(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
}
