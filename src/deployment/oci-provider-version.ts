/**
 * The `oracle/oci` provider Galley is built and tested against.
 *
 * The bindings are generated with this constraint, so every synthesized stack
 * requires it; the image installs exactly `OCI_PROVIDER_VERSION`, which the
 * constraint admits.
 */
export const OCI_PROVIDER_SOURCE = 'oracle/oci';
export const OCI_PROVIDER_VERSION = '8.28.0';
export const OCI_PROVIDER_VERSION_CONSTRAINT = '~> 8.28';
