import { Annotations, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedProps } from './props';
import { DataOciIdentityRegionSubscriptions } from '../generated/oci/data-oci-identity-region-subscriptions';
import { OciProvider } from '../generated/oci/provider';

export interface HomeRegion {
  /** The provider every identity resource uses. */
  readonly provider: TerraformProvider;
  /** The data source that names the home region; absent when the app passed its own provider. */
  readonly regionSubscriptions?: DataOciIdentityRegionSubscriptions;
}

/**
 * OCI creates, changes and deletes IAM resources (dynamic groups, policies)
 * only at the home region's endpoint; elsewhere it answers `403-NotAllowed`.
 * So the identity resources get a provider for the home region, found by the
 * tenancy's region subscriptions: no extra input, and any deploy region works.
 */
export function createHomeRegion(scope: Construct, props: ResolvedProps, tenancyId: string): HomeRegion {
  if (props.homeRegionProvider) return { provider: props.homeRegionProvider };

  const regionSubscriptions = new DataOciIdentityRegionSubscriptions(scope, 'home-region', {
    provider: props.provider,
    tenancyId,
    filter: [{ name: 'is_home_region', values: ['true'] }],
  });
  const provider = new OciProvider(scope, 'home-region-provider', {
    ...authSettingsOf(scope, props.provider),
    alias: homeRegionAlias(scope),
    region: regionSubscriptions.regionSubscriptions.get(0).regionName,
  });
  return { provider, regionSubscriptions };
}

/** `<construct id>_home_region`, as a Terraform identifier: unique per GalleyDeployment in a stack. */
function homeRegionAlias(scope: Construct): string {
  const id = scope.node.id.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${/^[A-Za-z]/.test(id) ? id : `g${id}`}_home_region`;
}

/**
 * How the given provider authenticates, so the home-region one signs in the
 * same way. Only our own provider class can be read; another gets a warning.
 */
function authSettingsOf(scope: Construct, provider: TerraformProvider | undefined) {
  if (provider === undefined) return {};
  if (!(provider instanceof OciProvider)) {
    Annotations.of(scope).addWarning(
      '`provider` is not an oracle/oci provider from GalleyDeployment.createOciProvider(): the home-region provider ' +
      'for the identity resources uses default credentials; pass `homeRegionProvider` to choose them',
    );
    return {};
  }
  return {
    auth: provider.auth,
    configFileProfile: provider.configFileProfile,
    tenancyOcid: provider.tenancyOcid,
    userOcid: provider.userOcid,
    fingerprint: provider.fingerprint,
    privateKey: provider.privateKey,
    privateKeyPath: provider.privateKeyPath,
    privateKeyPassword: provider.privateKeyPassword,
  };
}
