/**
 * The architecture a session designs: components, the connections between
 * them and the reasons behind the choices. Stored inside the session document
 * (`HearingSession.architecture`), so a design change and a hearing change go
 * through the same conditional write and never overwrite each other.
 */

/** Where a component sits in the network. */
export interface Placement {
  /**
   * The id of the component this one sits in: a `vcn` for subnets, gateways,
   * route tables, security lists and network security groups; a `subnet` for
   * everything placed in a subnet (instances, node pools, load balancers,
   * private endpoints, ...). Public or private follows from the subnet's
   * `access` config.
   */
  readonly parent: string;
}

export interface Component {
  /** Unique in the architecture: lowercase letters, digits and `_`, starting with a letter (it becomes a Terraform name). */
  readonly id: string;
  /** A service type id from the catalog, e.g. `oke_cluster`. */
  readonly type: string;
  /** A display name. */
  readonly name: string;
  /** Checked against the service type's config schema; defaults filled in when stored. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly placement?: Placement;
}

export interface Connection {
  /** Component ids; never the same one. */
  readonly from: string;
  readonly to: string;
  /** What for, e.g. `SQL*Net from the app tier`. */
  readonly purpose: string;
}

export interface DesignReason {
  /** What was decided, e.g. `OKE for the app tier`. */
  readonly topic: string;
  readonly reason: string;
  /** Component ids the reason is about. */
  readonly component_ids?: readonly string[];
  /** Hearing question ids whose answers led to it. */
  readonly question_ids?: readonly string[];
}

export interface Architecture {
  /** Starts at 1 with the first change; every change bumps it. */
  readonly revision: number;
  readonly components: readonly Component[];
  readonly connections: readonly Connection[];
  readonly reasons: readonly DesignReason[];
  /**
   * The OCI region the proof of concept is meant for (e.g. `ap-tokyo-1`);
   * the region-availability rule checks every service against it.
   */
  readonly region?: string;
  readonly updated_at: string;
}
