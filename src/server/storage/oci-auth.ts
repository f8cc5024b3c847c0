import * as common from 'oci-common';
import type { OciAuthConfig } from '../config';

/**
 * The SDK's authentication details for the configured mode: Resource Principal
 * on a Container Instance, otherwise a `~/.oci/config` profile. Either may
 * throw while the environment is not ready; the store asks again next time.
 */
export function createAuthProvider(auth: OciAuthConfig): common.AuthenticationDetailsProvider {
  switch (auth.kind) {
    case 'resource-principal':
      return common.ResourcePrincipalAuthenticationDetailsProvider.builder();
    case 'config-file':
      return new common.ConfigFileAuthenticationDetailsProvider(auth.file, auth.profile);
  }
}
