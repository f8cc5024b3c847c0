import { Fn, Op, Token } from 'cdktf';

const TENANCY_PREFIX = 'ocid1.tenancy.';

/**
 * Whether an OCID is a tenancy's: `true`/`false` when known now, otherwise a
 * Terraform expression. `substr()`, not `startswith()`: the latter needs
 * Terraform 1.5, and the stack must run on older versions too.
 */
export function isTenancy(ocid: string): boolean | ReturnType<typeof Op.eq> {
  if (!Token.isUnresolved(ocid)) return ocid.startsWith(TENANCY_PREFIX);
  return Op.eq(Fn.substr(ocid, 0, TENANCY_PREFIX.length), TENANCY_PREFIX);
}

/**
 * The `<location>` of a policy statement for a compartment OCID: OCI's syntax
 * for the root compartment is `tenancy`, never `compartment id ocid1.tenancy…`.
 * An unresolved OCID (a Terraform variable) gets the same choice made by
 * Terraform, when the value is known.
 */
export function policyLocation(ocid: string): string {
  const tenancy = isTenancy(ocid);
  if (typeof tenancy === 'boolean') return tenancy ? 'tenancy' : `compartment id ${ocid}`;
  // format(), not a template: cdktf cannot nest a template inside a function call.
  return Token.asString(Fn.conditional(tenancy, 'tenancy', Fn.format('compartment id %s', [ocid])));
}

/**
 * Whether the work compartment is distinct from Galley's own: `true`/`false`
 * when both are known now, otherwise a Terraform expression that decides it.
 */
export function isDistinct(workCompartmentId: string, compartmentId: string): boolean | ReturnType<typeof Op.neq> {
  if (!Token.isUnresolved(workCompartmentId) && !Token.isUnresolved(compartmentId)) {
    return workCompartmentId !== compartmentId;
  }
  return Op.neq(workCompartmentId, compartmentId);
}

/**
 * Whether the work compartment is allowed: the tenancy only when Galley's own
 * compartment is the tenancy too, since a work policy `in tenancy` covers
 * every compartment, Galley's own included. `true`/`false` when known now,
 * otherwise a Terraform expression for a precondition.
 */
export function isAllowedWorkCompartment(
  workCompartmentId: string, compartmentId: string,
): boolean | ReturnType<typeof Op.or> {
  const tenancy = isTenancy(workCompartmentId);
  if (tenancy === false) return true;
  const distinct = isDistinct(workCompartmentId, compartmentId);
  if (typeof distinct === 'boolean') return !distinct;
  const same = Op.eq(workCompartmentId, compartmentId);
  return tenancy === true ? same : Op.or(Op.not(tenancy), same);
}
