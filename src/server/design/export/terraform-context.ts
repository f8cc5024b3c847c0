import { GalleyError } from '../../errors';
import type { Architecture, Component } from '../architecture';
import type { ServiceType, TerraformContext } from '../catalog-types';

/**
 * What each service type's Terraform may look up about the architecture.
 * A component's main resource is the first of its type's `resources`, named
 * by the component id: `oci_core_subnet.app`.
 */
export function createTerraformContext(
  architecture: Pick<Architecture, 'components' | 'connections'>,
  typeOf: (component: Component) => ServiceType,
): TerraformContext {
  const byId = new Map(architecture.components.map((c) => [c.id, c]));
  const component = (id: string): Component => {
    const found = byId.get(id);
    if (!found) throw new GalleyError('invalid_config', `no component with id \`${id}\` in the architecture`);
    return found;
  };
  return {
    component,
    address: (id) => `${typeOf(component(id)).resources[0]}.${id}`,
    targets: (id) => architecture.connections.filter((c) => c.from === id).map((c) => component(c.to)),
    sources: (id) => architecture.connections.filter((c) => c.to === id).map((c) => component(c.from)),
    children: (id) => architecture.components.filter((c) => c.placement?.parent === id),
    ofType: (type) => architecture.components.filter((c) => c.type === type),
  };
}
