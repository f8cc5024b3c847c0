import { DEFAULT_CATALOG } from '../../../src/server/hearing/catalog';
import { HearingAlreadyCompletedError } from '../../../src/server/hearing/errors';
import { HearingService } from '../../../src/server/hearing/hearing-service';
import { ObjectStorageSessionStore } from '../../../src/server/storage/object-storage-session-store';
import { FULL_ANSWERS, REQUIRED_IDS } from '../helpers/answers';
import { standInLocation, standInTrusting } from '../helpers/object-storage-fixture';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';

/**
 * Two servers on one bucket, each starting its writes from the version it saw
 * last: whatever the other one did in between, no answer is lost and no
 * refusal rests on a stale copy.
 */
describe('mutations that start from a stale copy', () => {
  const credentials = createOciTestCredentials();
  const standIn = standInTrusting(credentials, ['b']);
  const stores: ObjectStorageSessionStore[] = [];
  const service = () => {
    const store = new ObjectStorageSessionStore(standInLocation(standIn, 'b', credentials));
    stores.push(store);
    return new HearingService({ store, catalog: DEFAULT_CATALOG });
  };
  const answers = (ids: string[]) => ids.map((id) => ({ question_id: id, value: FULL_ANSWERS[id] }));

  beforeAll(() => standIn.start());
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await standIn.stop();
  });

  test("a save on top of the other server's save keeps both", async () => {
    const [a, b] = [service(), service()];
    const session = await a.createSession();
    await a.saveAnswer(session.id, 'project_purpose', 'from a');
    await b.saveAnswer(session.id, 'timeline', 'from b');
    await a.saveAnswer(session.id, 'budget', FULL_ANSWERS.budget as string);
    const stored = await b.getSession(session.id);
    expect(Object.keys(stored.answers).sort()).toEqual(['budget', 'project_purpose', 'timeline']);
  });

  test('completing succeeds when the other server saved the missing answers', async () => {
    const [a, b] = [service(), service()];
    const session = await a.createSession();
    await a.saveAnswers(session.id, answers(REQUIRED_IDS.slice(0, 3)));
    await b.saveAnswers(session.id, answers(REQUIRED_IDS.slice(3)));
    // a's last known copy lacks six required answers; the refusal must not rest on it.
    const outcome = await a.completeHearing(session.id);
    expect(outcome.session_id).toBe(session.id);
  });

  test('a save after the other server completed the hearing is refused', async () => {
    const [a, b] = [service(), service()];
    const session = await a.createSession();
    await a.saveAnswers(session.id, answers(REQUIRED_IDS));
    await b.completeHearing(session.id);
    await expect(a.saveAnswer(session.id, 'additional_notes', 'too late')).rejects.toBeInstanceOf(HearingAlreadyCompletedError);
    expect((await b.getSession(session.id)).answers.additional_notes).toBeUndefined();
  });
});
