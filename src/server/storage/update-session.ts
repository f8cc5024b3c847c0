import { HearingSession, SessionStore, VersionConflictError, VersionedSession } from './session-store';
import { GalleyError } from '../errors';

/** How often a mutation re-reads and retries after losing a race. */
const MAX_ATTEMPTS = 20;

/**
 * Read, apply, conditional write; on a version conflict read again and
 * re-apply, so a concurrent writer's change is never overwritten.
 *
 * `mutate` must be a pure function of the session it is given: it may run
 * more than once. It returns the new session, or throws to abort.
 */
export async function updateSession(
  store: SessionStore,
  id: string,
  mutate: (session: HearingSession) => HearingSession,
  notFound: () => Error,
): Promise<VersionedSession> {
  for (let attempt = 1; ; attempt++) {
    // The first attempt may start from the store's last known copy, which
    // may be stale; without one, and on every retry, it reads afresh.
    const copy = attempt === 1 ? store.lastKnown?.(id) : undefined;
    let current = copy ?? await store.get(id);
    let next: HearingSession;
    try {
      if (!current) throw notFound();
      next = mutate(current.session);
    } catch (err) {
      // A refusal (not found, completed, answers missing) must rest on the
      // stored session, never on a stale copy: check once more, afresh.
      if (!copy) throw err;
      current = await store.get(id);
      if (!current) throw notFound();
      next = mutate(current.session);
    }
    try {
      return await store.put(next, current.version);
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
      if (attempt >= MAX_ATTEMPTS) {
        throw new GalleyError('conflict', `session ${id} is being changed by too many callers at once; try again`);
      }
      await backoff(attempt);
    }
  }
}

function backoff(attempt: number): Promise<void> {
  // Full jitter keeps retrying writers from colliding in lockstep.
  const ceiling = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
