import { Annotations, Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { contains, overlaps, parseCidr } from './cidr';
import { isAllowedWorkCompartment } from './policy-location';
import type { ResolvedProps } from './props';

const COMPARTMENT_OCID = /^ocid1\.(compartment|tenancy)\.[a-z0-9]+\.[a-z0-9-]*\.[a-z0-9]+$/;
const REGION = /^[a-z]+(-[a-z]+)+-\d+$/;
const NAME_PREFIX = /^[a-z][a-z0-9-]{0,19}$/;
const IMAGE_REPOSITORY = /^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+$/;
const IMAGE_TAG = /^\w[\w.-]{0,127}$/;
const PERMISSION = /^(inspect|read|use|manage) [a-z0-9-]+$/;

/** Throws on the first invalid prop, naming it and echoing what it got; unresolved tokens pass. */
export function validateProps(scope: IConstruct, props: ResolvedProps): void {
  matches('compartmentId', props.compartmentId, COMPARTMENT_OCID, 'a compartment or tenancy OCID');
  matches('workCompartmentId', props.workCompartmentId, COMPARTMENT_OCID, 'a compartment or tenancy OCID');
  if (isAllowedWorkCompartment(props.workCompartmentId, props.compartmentId) === false) {
    throw new Error(
      '`workCompartmentId` may be the tenancy only when `compartmentId` is the tenancy too (a work policy "in tenancy" ' +
      `covers Galley's own compartment ${props.compartmentId}): give a compartment, got: "${props.workCompartmentId}"`,
    );
  }
  matches('region', props.region, REGION, 'an OCI region identifier such as ap-tokyo-1');
  matches('namePrefix', props.namePrefix, NAME_PREFIX, '1 to 20 lowercase letters, digits or "-", starting with a letter');
  matches('imageRepository', props.imageRepository, IMAGE_REPOSITORY, 'an image repository without a tag, such as ghcr.io/org/galley');
  matches('imageTag', props.imageTag, IMAGE_TAG, 'an image tag');
  inRange('ocpus', props.ocpus, 1, 64);
  inRange('memoryInGbs', props.memoryInGbs, 1, 1024);
  if (!Token.isUnresolved(props.shape) && props.shape.trim() === '') {
    throw new Error(`\`shape\` must not be empty, got: "${props.shape}"`);
  }
  if (props.availabilityDomain !== undefined && !Token.isUnresolved(props.availabilityDomain) && props.availabilityDomain.trim() === '') {
    throw new Error(`\`availabilityDomain\` must not be empty, got: "${props.availabilityDomain}"`);
  }
  if (props.availabilityDomain !== undefined && props.availabilityDomainIndex !== undefined) {
    throw new Error(
      `\`availabilityDomain\` and \`availabilityDomainIndex\` pick the same thing: give one, got: "${props.availabilityDomain}" and ${props.availabilityDomainIndex}`,
    );
  }
  if (props.availabilityDomainIndex !== undefined) integerInRange('availabilityDomainIndex', props.availabilityDomainIndex, 0, 2);
  integerInRange('previousVersionRetentionDays', props.previousVersionRetentionDays, 1, 36500);
  validateNetwork(props);
  if (props.workCompartmentPermissions !== undefined) validatePermissions(scope, props.workCompartmentPermissions);
}

/** Checks permission entries; a risky but legal grant only warns. */
export function validatePermissions(scope: IConstruct, permissions: readonly string[]): void {
  if (Token.isUnresolved(permissions)) return;
  if (permissions.length === 0) {
    throw new Error('`workCompartmentPermissions` must name at least one permission, got: []');
  }
  for (const permission of permissions) {
    if (Token.isUnresolved(permission)) continue;
    if (!PERMISSION.test(permission)) {
      throw new Error(`\`workCompartmentPermissions\` entries must be "<inspect|read|use|manage> <resource-type>", got: "${permission}"`);
    }
    if (permission === 'manage all-resources') {
      Annotations.of(scope).addWarning(
        '`workCompartmentPermissions` grants "manage all-resources": Galley could change or delete anything in the work compartment',
      );
    }
  }
}

function validateNetwork(props: ResolvedProps): void {
  const vcn = cidr('vcnCidr', props.vcnCidr, 16, 28);
  const publicSubnet = cidr('publicSubnetCidr', props.publicSubnetCidr, 16, 30);
  const privateSubnet = cidr('privateSubnetCidr', props.privateSubnetCidr, 16, 30);
  for (const [name, value, subnet] of [
    ['publicSubnetCidr', props.publicSubnetCidr, publicSubnet],
    ['privateSubnetCidr', props.privateSubnetCidr, privateSubnet],
  ] as const) {
    if (vcn && subnet && !contains(vcn, subnet)) {
      throw new Error(`\`${name}\` must lie inside \`vcnCidr\` (${props.vcnCidr}), got: ${value}`);
    }
  }
  if (publicSubnet && privateSubnet && overlaps(publicSubnet, privateSubnet)) {
    throw new Error(
      `\`privateSubnetCidr\` must not overlap \`publicSubnetCidr\` (${props.publicSubnetCidr}), got: ${props.privateSubnetCidr}`,
    );
  }
}

function cidr(name: string, value: string, minPrefix: number, maxPrefix: number) {
  if (Token.isUnresolved(value)) return undefined;
  const range = parseCidr(value);
  if (!range) throw new Error(`\`${name}\` must be an IPv4 CIDR block such as 10.0.0.0/16, got: ${value}`);
  if (range.prefix < minPrefix || range.prefix > maxPrefix) {
    throw new Error(`\`${name}\` must be a /${minPrefix} to /${maxPrefix} block, got: ${value}`);
  }
  return range;
}

function matches(name: string, value: string, pattern: RegExp, what: string): void {
  if (Token.isUnresolved(value)) return;
  if (!pattern.test(value)) throw new Error(`\`${name}\` must be ${what}, got: "${value}"`);
}

function integerInRange(name: string, value: number, min: number, max: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`\`${name}\` must be an integer from ${min} to ${max}, got: ${value}`);
  }
}

function inRange(name: string, value: number, min: number, max: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`\`${name}\` must be between ${min} and ${max}, got: ${value}`);
  }
}
