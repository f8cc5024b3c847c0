import type { Architecture, Component, Connection } from './architecture';

/**
 * Read-only lookups over one architecture, built once per validation or
 * export: components by id, placement parents, and connections both ways.
 */
export class ArchitectureGraph {
  private readonly byId: ReadonlyMap<string, Component>;
  private readonly out = new Map<string, Connection[]>();
  private readonly in = new Map<string, Connection[]>();

  constructor(readonly architecture: Architecture) {
    this.byId = new Map(architecture.components.map((c) => [c.id, c]));
    for (const c of architecture.connections) {
      push(this.out, c.from, c);
      push(this.in, c.to, c);
    }
  }

  get components(): readonly Component[] {
    return this.architecture.components;
  }

  get(id: string): Component | undefined {
    return this.byId.get(id);
  }

  ofType(...types: string[]): Component[] {
    return this.architecture.components.filter((c) => types.includes(c.type));
  }

  parent(component: Component): Component | undefined {
    return component.placement ? this.byId.get(component.placement.parent) : undefined;
  }

  /** The subnet a component sits in, if it sits in one. */
  subnet(component: Component): Component | undefined {
    const parent = this.parent(component);
    return parent?.type === 'subnet' ? parent : undefined;
  }

  /** `public` or `private` for a component in a subnet (the subnet's own access for a subnet). */
  access(component: Component): 'public' | 'private' | undefined {
    const subnet = component.type === 'subnet' ? component : this.subnet(component);
    if (!subnet) return undefined;
    return subnet.config.access === 'public' ? 'public' : 'private';
  }

  /** The VCN a component belongs to, through its subnet or directly. */
  vcn(component: Component): Component | undefined {
    if (component.type === 'vcn') return component;
    const parent = this.parent(component);
    return parent ? this.vcn(parent) : undefined;
  }

  /** Components placed in `id`, and in those, all the way down. */
  descendants(id: string): Component[] {
    const direct = this.architecture.components.filter((c) => c.placement?.parent === id);
    return direct.flatMap((c) => [c, ...this.descendants(c.id)]);
  }

  targets(id: string): Component[] {
    return (this.out.get(id) ?? []).map((c) => this.byId.get(c.to)).filter(isDefined);
  }

  sources(id: string): Component[] {
    return (this.in.get(id) ?? []).map((c) => this.byId.get(c.from)).filter(isDefined);
  }

  /** Components connected to `id` in either direction. */
  neighbours(id: string): Component[] {
    return [...this.targets(id), ...this.sources(id)];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
