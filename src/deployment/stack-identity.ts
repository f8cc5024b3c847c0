import { DataResource, Fn } from 'cdktf';
import { Construct } from 'constructs';

export interface StackIdentity {
  /** Holds the URL token: two of Terraform's uuid() values, hyphens removed. */
  readonly urlTokenData: DataResource;
  /** Holds the per-stack suffix of tenancy-wide names. */
  readonly suffixData: DataResource;
  /** The URL token (64 hex characters, 244 random bits), sensitive everywhere. */
  readonly urlToken: string;
  /** 8 hex characters that tell this stack's tenancy-wide names from another's. */
  readonly suffix: string;
}

/**
 * The token and the name suffix come from Terraform's own uuid() (crypto/rand)
 * and are held by `terraform_data` with `ignore_changes`, so they are made
 * once, at the first apply, and no extra provider is needed.
 */
export function createStackIdentity(scope: Construct): StackIdentity {
  const urlTokenData = new DataResource(scope, 'url-token', {
    input: { value: Fn.sensitive(Fn.replace(Fn.join('', [Fn.uuid(), Fn.uuid()]), '-', '')) },
    lifecycle: { ignoreChanges: ['input'] },
  });
  const suffixData = new DataResource(scope, 'name-suffix', {
    input: { value: Fn.substr(Fn.uuid(), 0, 8) },
    lifecycle: { ignoreChanges: ['input'] },
  });
  return {
    urlTokenData,
    suffixData,
    urlToken: urlTokenData.output.lookup('value'),
    suffix: suffixData.output.lookup('value'),
  };
}
