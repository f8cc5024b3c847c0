import { randomUUID } from 'node:crypto';
import { AnswerValue, QuestionIndex, validateAnswer } from './answer-validation';
import { Catalog, Locale } from './catalog-types';
import {
  HearingAlreadyCompletedError,
  HearingNotCompletedError,
  InvalidAnswerError,
  MissingRequiredAnswersError,
  SessionNotFoundError,
} from './errors';
import { buildHearingResult } from './result-builder';
import { KeyedMutex } from '../storage/keyed-mutex';
import {
  HearingResult,
  HearingSession,
  SessionStore,
  StoredAnswer,
  assertSessionId,
} from '../storage/session-store';
import { updateSession } from '../storage/update-session';

export interface SavedAnswer {
  readonly question_id: string;
  readonly value: AnswerValue;
  readonly answered_at: string;
}

/** An answer as the design cites it: the stored value and its label in the session's locale. */
export interface LabelledAnswer {
  readonly value: string | string[];
  readonly label: string | string[];
}

export interface HearingOutcome extends HearingResult {
  readonly session_id: string;
  /** The answers by question id, so a design can cite them. */
  readonly answers: Readonly<Record<string, LabelledAnswer>>;
}

export interface HearingServiceOptions {
  readonly store: SessionStore;
  readonly catalog: Catalog;
  /** The clock; tests pin it. */
  readonly now?: () => Date;
}

/**
 * The hearing's use cases. Every input is checked against the catalog before
 * anything is stored; every change is a conditional write retried on conflict.
 */
export class HearingService {
  private readonly store: SessionStore;
  private readonly index: QuestionIndex;
  private readonly now: () => Date;
  // Serialises writers to one session inside this process; the conditional
  // write still guards against writers in other processes.
  private readonly writers = new KeyedMutex();

  constructor(options: HearingServiceOptions) {
    this.store = options.store;
    this.index = new QuestionIndex(options.catalog);
    this.now = options.now ?? (() => new Date());
  }

  get catalog(): Catalog {
    return this.index.catalog;
  }

  async createSession(locale: Locale = 'en'): Promise<HearingSession> {
    const at = this.now().toISOString();
    const session: HearingSession = {
      id: randomUUID(),
      status: 'in_progress',
      locale,
      created_at: at,
      updated_at: at,
      answers: {},
    };
    return (await this.store.create(session)).session;
  }

  async getSession(id: string): Promise<HearingSession> {
    assertSessionId(id);
    const found = await this.store.get(id);
    if (!found) throw new SessionNotFoundError(id);
    return found.session;
  }

  async saveAnswer(id: string, questionId: string, value: AnswerValue): Promise<SavedAnswer> {
    const [saved] = await this.saveAnswers(id, [{ question_id: questionId, value }]);
    return saved;
  }

  /** Saves all answers or none: every one is checked before the write. */
  async saveAnswers(
    id: string,
    answers: readonly { question_id: string; value: AnswerValue }[],
  ): Promise<SavedAnswer[]> {
    assertSessionId(id);
    const checked = answers.map((a, i) => {
      try {
        return { question_id: a.question_id, value: validateAnswer(this.index.get(a.question_id), a.value) };
      } catch (err) {
        if (answers.length > 1 && err instanceof Error) err.message = `answers[${i}]: ${err.message}`;
        throw err;
      }
    });
    const seen = new Set<string>();
    for (const a of checked) {
      if (seen.has(a.question_id)) {
        throw new InvalidAnswerError(`question ${a.question_id} is answered more than once in one batch`);
      }
      seen.add(a.question_id);
    }

    let saved: SavedAnswer[] = [];
    await this.mutate(id, (session) => {
      if (session.status === 'completed') throw new HearingAlreadyCompletedError(id);
      const at = this.now().toISOString();
      const updates: Record<string, StoredAnswer> = {};
      saved = checked.map((a) => {
        updates[a.question_id] = { value: a.value, answered_at: at };
        return { question_id: a.question_id, value: a.value, answered_at: at };
      });
      return { ...session, updated_at: at, answers: { ...session.answers, ...updates } };
    });
    return saved;
  }

  async completeHearing(id: string): Promise<HearingOutcome> {
    assertSessionId(id);
    let result!: HearingResult;
    let completed!: HearingSession;
    await this.mutate(id, (session) => {
      if (session.status === 'completed') throw new HearingAlreadyCompletedError(id);
      const missing = this.index
        .required()
        .filter((q) => !isAnswered(session.answers[q.id]?.value))
        .map((q) => q.id);
      if (missing.length > 0) throw new MissingRequiredAnswersError(missing);
      const at = this.now().toISOString();
      result = buildHearingResult(this.index.catalog, session, at);
      completed = { ...session, status: 'completed', updated_at: at, result };
      return completed;
    });
    return { session_id: id, ...result, answers: this.labelled(completed) };
  }

  async getHearingResult(id: string): Promise<HearingOutcome> {
    const session = await this.getSession(id);
    if (session.status !== 'completed' || !session.result) throw new HearingNotCompletedError(id);
    return { session_id: id, ...session.result, answers: this.labelled(session) };
  }

  /** Each answer with the label of its value (the value itself for text answers), in the session's locale. */
  private labelled(session: HearingSession): Record<string, LabelledAnswer> {
    const out: Record<string, LabelledAnswer> = {};
    for (const question of this.index.catalog.questions) {
      const answer = session.answers[question.id];
      if (!answer) continue;
      const label = (v: string) => question.choices?.find((c) => c.value === v)?.label[session.locale] ?? v;
      const value = answer.value;
      out[question.id] = { value, label: typeof value === 'string' ? label(value) : value.map(label) };
    }
    return out;
  }

  private mutate(id: string, fn: (session: HearingSession) => HearingSession) {
    return this.writers.run(id, () => updateSession(this.store, id, fn, () => new SessionNotFoundError(id)));
  }
}

function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  return typeof value === 'string' ? value.trim() !== '' : value.length > 0;
}
