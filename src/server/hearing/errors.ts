import { GalleyError } from '../errors';

export class SessionNotFoundError extends GalleyError {
  constructor(id: string) {
    super('session_not_found', `no hearing session with id ${id}`);
  }
}

export class InvalidQuestionError extends GalleyError {
  constructor(questionId: string) {
    super('invalid_question', `unknown question_id: ${JSON.stringify(questionId)}; get_hearing_questions lists the valid ids`);
  }
}

export class InvalidAnswerError extends GalleyError {
  constructor(message: string) {
    super('invalid_answer', message);
  }
}

export class MissingRequiredAnswersError extends GalleyError {
  constructor(public readonly questionIds: readonly string[]) {
    super('missing_required_answers', `required questions are not answered yet: ${questionIds.join(', ')}`);
  }
}

export class HearingAlreadyCompletedError extends GalleyError {
  constructor(id: string) {
    super('hearing_already_completed', `hearing session ${id} is already completed and takes no more answers`);
  }
}

export class HearingNotCompletedError extends GalleyError {
  constructor(id: string) {
    super('hearing_not_completed', `hearing session ${id} is not completed yet; call complete_hearing first`);
  }
}
