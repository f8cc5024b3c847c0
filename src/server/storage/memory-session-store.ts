import {
  HearingSession,
  SessionStore,
  VersionConflictError,
  VersionedSession,
} from './session-store';

/**
 * A store in process memory, with the same versioning contract as the durable
 * ones. For tests and throwaway runs; nothing survives a restart.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { version: number; json: string }>();

  async get(id: string): Promise<VersionedSession | undefined> {
    const entry = this.sessions.get(id);
    return entry && { session: JSON.parse(entry.json) as HearingSession, version: String(entry.version) };
  }

  async create(session: HearingSession): Promise<VersionedSession> {
    if (this.sessions.has(session.id)) throw new VersionConflictError(session.id);
    return this.set(session, 1);
  }

  async put(session: HearingSession, expectedVersion: string): Promise<VersionedSession> {
    const entry = this.sessions.get(session.id);
    if (!entry || String(entry.version) !== expectedVersion) throw new VersionConflictError(session.id);
    return this.set(session, entry.version + 1);
  }

  async close(): Promise<void> {}

  private set(session: HearingSession, version: number): VersionedSession {
    // Stored as JSON so callers can never mutate what the store holds.
    this.sessions.set(session.id, { version, json: JSON.stringify(session) });
    return { session, version: String(version) };
  }
}
