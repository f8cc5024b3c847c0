import type { Architecture, Component, Connection, DesignReason } from './architecture';
import { ComponentInput, checkComponent, checkStructure, findComponent } from './architecture-check';
import type { DesignCatalog } from './design-catalog';
import { ArchitectureNotFoundError, InvalidConnectionError, InvalidPlacementError } from './design-errors';
import type { Finding } from './rules';
import { validateArchitecture } from './validate-architecture';
import type { Catalog } from '../hearing/catalog-types';
import { HearingNotCompletedError, SessionNotFoundError } from '../hearing/errors';
import { KeyedMutex } from '../storage/keyed-mutex';
import { HearingSession, SessionStore, assertSessionId } from '../storage/session-store';
import { updateSession } from '../storage/update-session';

/** A whole architecture as `save_architecture` takes it. */
export interface ArchitectureInput {
  readonly components: readonly ComponentInput[];
  readonly connections?: readonly Connection[];
  readonly reasons?: readonly DesignReason[];
  readonly region?: string;
}

export interface ComponentUpdate {
  /** A partial config: the given fields change, the rest stay. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly name?: string;
}

export interface ValidationReport {
  readonly session_id: string;
  readonly revision: number;
  readonly valid: boolean;
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  readonly findings: readonly Finding[];
}

export interface DesignServiceOptions {
  readonly store: SessionStore;
  readonly catalog: DesignCatalog;
  /** The hearing's question catalog (for the answers' labels in exports). */
  readonly hearingCatalog: Catalog;
  readonly now?: () => Date;
}

type Draft = Pick<Architecture, 'components' | 'connections' | 'reasons' | 'region'>;

/**
 * The design's use cases. Every change is checked whole (types, configs,
 * placements, connections) before it is stored, goes through the session's
 * conditional write (so it never overwrites a hearing change or another
 * design change), bumps the revision and returns the new architecture.
 */
export class DesignService {
  readonly catalog: DesignCatalog;
  readonly hearingCatalog: Catalog;
  private readonly store: SessionStore;
  private readonly now: () => Date;
  // Serialises writers to one session inside this process; the conditional
  // write still guards against writers in other processes.
  private readonly writers = new KeyedMutex();

  constructor(options: DesignServiceOptions) {
    this.store = options.store;
    this.catalog = options.catalog;
    this.hearingCatalog = options.hearingCatalog;
    this.now = options.now ?? (() => new Date());
  }

  /** The session, checked to exist. */
  async getSession(id: string): Promise<HearingSession> {
    assertSessionId(id);
    const found = await this.store.get(id);
    if (!found) throw new SessionNotFoundError(id);
    return found.session;
  }

  /** The stored architecture, or `architecture_not_found`. */
  async getArchitecture(id: string): Promise<Architecture> {
    const session = await this.getSession(id);
    if (!session.architecture) throw new ArchitectureNotFoundError(id);
    return session.architecture;
  }

  /** Replaces the whole architecture: all of it is checked, and nothing is stored if any part fails. */
  async saveArchitecture(id: string, input: ArchitectureInput): Promise<Architecture> {
    const components = input.components.map((c) => checkComponent(this.catalog, c));
    const connections = (input.connections ?? []).map(copyConnection);
    checkStructure(this.catalog, components, connections);
    return this.change(id, () => ({
      components,
      connections,
      reasons: (input.reasons ?? []).map(copyReason),
      ...(input.region !== undefined && { region: input.region }),
    }));
  }

  async addComponent(id: string, input: ComponentInput): Promise<Architecture> {
    const component = checkComponent(this.catalog, input);
    return this.change(id, (current) => ({ ...current, components: [...current.components, component] }));
  }

  /** Removes a component and every connection to or from it; refuses while other components are placed in it. */
  async removeComponent(id: string, componentId: string): Promise<Architecture> {
    return this.change(id, (current) => {
      findComponent(current.components, componentId);
      const held = current.components.filter((c) => c.placement?.parent === componentId).map((c) => c.id);
      if (held.length > 0) {
        throw new InvalidPlacementError(`${componentId} still holds ${held.join(', ')}; remove or re-place them first`);
      }
      return {
        ...current,
        components: current.components.filter((c) => c.id !== componentId),
        connections: current.connections.filter((c) => c.from !== componentId && c.to !== componentId),
      };
    });
  }

  /** A partial config update (and optionally a new name), checked against the type's schema. */
  async configureComponent(id: string, componentId: string, update: ComponentUpdate): Promise<Architecture> {
    return this.change(id, (current) => {
      const existing = findComponent(current.components, componentId);
      const next: Component = checkComponent(
        this.catalog,
        { ...existing, name: update.name ?? existing.name, config: update.config ?? {} },
        existing.config,
      );
      return { ...current, components: current.components.map((c) => (c.id === componentId ? next : c)) };
    });
  }

  async addConnection(id: string, connection: Connection): Promise<Architecture> {
    const added = copyConnection(connection);
    return this.change(id, (current) => ({ ...current, connections: [...current.connections, added] }));
  }

  async removeConnection(id: string, from: string, to: string): Promise<Architecture> {
    return this.change(id, (current) => {
      if (!current.connections.some((c) => c.from === from && c.to === to)) {
        throw new InvalidConnectionError(`there is no connection from ${from} to ${to}`);
      }
      return { ...current, connections: current.connections.filter((c) => !(c.from === from && c.to === to)) };
    });
  }

  /** Every rule over the stored architecture, texts in the session's locale. */
  async validate(id: string): Promise<ValidationReport> {
    const session = await this.getSession(id);
    if (!session.architecture) throw new ArchitectureNotFoundError(id);
    return this.report(session, session.architecture);
  }

  /** The findings for an architecture of a session already read; pure. */
  report(session: HearingSession, architecture: Architecture): ValidationReport {
    const findings = validateArchitecture(architecture, this.catalog, session.answers, session.locale);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) counts[f.severity]++;
    return { session_id: session.id, revision: architecture.revision, valid: counts.error === 0, counts, findings };
  }

  /**
   * Read, apply, check, conditional write. `fn` gets the current architecture
   * (empty before the first change) and may run more than once.
   */
  private async change(id: string, fn: (current: Draft) => Draft): Promise<Architecture> {
    assertSessionId(id);
    let stored!: Architecture;
    await this.writers.run(id, () => updateSession(this.store, id, (session) => {
      if (session.status !== 'completed') throw new HearingNotCompletedError(id);
      const current = session.architecture;
      const draft = fn(current ?? { components: [], connections: [], reasons: [] });
      checkStructure(this.catalog, draft.components, draft.connections);
      const at = this.now().toISOString();
      stored = {
        revision: (current?.revision ?? 0) + 1,
        components: draft.components,
        connections: draft.connections,
        reasons: draft.reasons,
        ...(draft.region !== undefined && { region: draft.region }),
        updated_at: at,
      };
      return { ...session, updated_at: at, architecture: stored };
    }, () => new SessionNotFoundError(id)));
    return stored;
  }
}

function copyConnection(c: Connection): Connection {
  return { from: c.from, to: c.to, purpose: c.purpose };
}

function copyReason(r: DesignReason): DesignReason {
  return {
    topic: r.topic,
    reason: r.reason,
    ...(r.component_ids && { component_ids: [...r.component_ids] }),
    ...(r.question_ids && { question_ids: [...r.question_ids] }),
  };
}
