import { Catalog, Question } from './catalog-types';
import { InvalidAnswerError, InvalidQuestionError } from './errors';

export type AnswerValue = string | string[];

/** Finds questions by id; built once per catalog. */
export class QuestionIndex {
  private readonly byId: ReadonlyMap<string, Question>;

  constructor(public readonly catalog: Catalog) {
    this.byId = new Map(catalog.questions.map((q) => [q.id, q]));
  }

  get(id: string): Question {
    const question = this.byId.get(id);
    if (!question) throw new InvalidQuestionError(id);
    return question;
  }

  required(): readonly Question[] {
    return this.catalog.questions.filter((q) => q.required);
  }
}

/**
 * Checks a value against its question: the right shape for the answer type,
 * only offered choices, no duplicates, and nothing empty where an answer is
 * required. Returns the value normalised (text trimmed).
 */
export function validateAnswer(question: Question, value: AnswerValue): AnswerValue {
  const where = `answer to ${question.id}`;
  switch (question.type) {
    case 'text': {
      if (typeof value !== 'string') {
        throw new InvalidAnswerError(`${where} must be a string, got a list`);
      }
      const trimmed = value.trim();
      if (question.required && trimmed === '') {
        throw new InvalidAnswerError(`${where} must not be empty: the question is required`);
      }
      return trimmed;
    }
    case 'choice': {
      if (typeof value !== 'string') {
        throw new InvalidAnswerError(`${where} must be one choice value, got a list`);
      }
      assertOffered(question, [value]);
      return value;
    }
    case 'multi_choice': {
      const values = typeof value === 'string' ? [value] : value;
      if (values.length === 0 && question.required) {
        throw new InvalidAnswerError(`${where} must name at least one choice: the question is required`);
      }
      if (new Set(values).size !== values.length) {
        throw new InvalidAnswerError(`${where} lists a choice more than once`);
      }
      assertOffered(question, values);
      return [...values];
    }
  }
}

function assertOffered(question: Question, values: readonly string[]): void {
  const offered = (question.choices ?? []).map((c) => c.value);
  for (const value of values) {
    if (!offered.includes(value)) {
      throw new InvalidAnswerError(
        `${JSON.stringify(value)} is not a choice of ${question.id}; choose from: ${offered.join(', ')}`,
      );
    }
  }
}
