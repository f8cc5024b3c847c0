import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { OciProvider } from '../generated/oci/provider';

/** Props of {@link GalleyDeployment.createOciProvider}: the few settings a Galley stack needs. */
export interface GalleyOciProviderProps {
  /** The OCI region identifier, e.g. `ap-tokyo-1`. */
  readonly region: string;

  /**
   * How Terraform authenticates to OCI: `ApiKey`, `SecurityToken`,
   * `InstancePrincipal`, `ResourcePrincipal` or `OKEWorkloadIdentity`.
   * @default - the provider's default, the API key of the `~/.oci/config` profile
   */
  readonly auth?: string;

  /**
   * The `~/.oci/config` profile to use.
   * @default - the provider's default, `DEFAULT`
   */
  readonly configFileProfile?: string;

  /**
   * An alias, when a stack needs more than one `oci` provider.
   * @default - none: the stack's default `oci` provider
   */
  readonly alias?: string;
}

/** Creates an `oracle/oci` provider from the bindings this package carries. */
export function createOciProvider(scope: Construct, id: string, props: GalleyOciProviderProps): TerraformProvider {
  return new OciProvider(scope, id, {
    region: props.region,
    auth: props.auth,
    configFileProfile: props.configFileProfile,
    alias: props.alias,
  });
}
