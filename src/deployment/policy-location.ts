import { Fn, Op, Token } from 'cdktf';

const TENANCY_PREFIX = 'ocid1.tenancy.';

/**
 * The `<location>` of a policy statement for a compartment OCID: OCI's syntax
 * for the root compartment is `tenancy`, never `compartment id ocid1.tenancy…`.
 * An unresolved OCID (a Terraform variable) gets the same choice made by
 * Terraform, when the value is known.
 */
export function policyLocation(ocid: string): string {
  if (!Token.isUnresolved(ocid)) {
    return ocid.startsWith(TENANCY_PREFIX) ? 'tenancy' : `compartment id ${ocid}`;
  }
  // format(), not a template: cdktf cannot nest a template inside a function call.
  return Token.asString(Fn.conditional(Fn.startswith(ocid, TENANCY_PREFIX), 'tenancy', Fn.format('compartment id %s', [ocid])));
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
