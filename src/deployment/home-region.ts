import { Annotations, Aspects, TerraformProvider, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
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
  if (props.provider === undefined) signInLikeTheStackDefault(scope, provider);
  return { provider, regionSubscriptions };
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * A Terraform provider alias unique in the stack. A GalleyDeployment directly
 * in its stack gets `<construct id>_home_region` (construct ids are unique
 * there); a nested one, whose id may repeat under another parent, gets its
 * path plus 8 hex digits of its unique address.
 */
function homeRegionAlias(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  const id = scope.node.id;
  if (scope.node.scope === stack && IDENTIFIER.test(id)) return `${id}_home_region`;
  const scopes = scope.node.scopes;
  const path = scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id).join('_').replace(/[^A-Za-z0-9_-]/g, '_');
  return `${/^[A-Za-z]/.test(path) ? path : `g${path}`}_home_region_${scope.node.addr.slice(2, 10)}`;
}

/**
 * With no `provider` prop the other resources use the stack's default `oci`
 * provider, so the home-region one signs in like that, whenever it is created
 * (before or after this construct): read at synth, by an aspect.
 */
function signInLikeTheStackDefault(scope: Construct, home: OciProvider): void {
  const stack = TerraformStack.of(scope);
  Aspects.of(scope).add({
    visit(node: IConstruct) {
      if (node !== home) return;
      const byDefault = stack.node.findAll().find((c): c is TerraformProvider =>
        c instanceof TerraformProvider && c.terraformResourceType === 'oci' && c.alias === undefined);
      if (byDefault === undefined) return; // both use the provider's own defaults
      // Through the binding's setters; the home provider has no settings of its own here.
      Object.assign(home, authSettingsOf(scope, byDefault, 'the stack\'s default `oci` provider'));
    },
  });
}

/**
 * How the given provider authenticates, so the home-region one signs in the
 * same way. Only our own provider class can be read; another gets a warning.
 */
function authSettingsOf(scope: Construct, provider: TerraformProvider | undefined, what = '`provider`') {
  if (provider === undefined) return {};
  if (!(provider instanceof OciProvider)) {
    Annotations.of(scope).addWarning(
      `${what} is not an oracle/oci provider from GalleyDeployment.createOciProvider(): the home-region provider ` +
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
