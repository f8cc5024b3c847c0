import completeHearing from './complete-hearing';
import createSession from './create-session';
import getHearingFlow from './get-hearing-flow';
import getHearingQuestions from './get-hearing-questions';
import getHearingResult from './get-hearing-result';
import saveAnswer from './save-answer';
import saveAnswersBatch from './save-answers-batch';
import type { ToolDefinition } from '../define-tool';

/** Every tool Galley serves, in the order hosts list them. */
export const TOOLS: readonly ToolDefinition<any, any>[] = [
  createSession,
  getHearingQuestions,
  getHearingFlow,
  saveAnswer,
  saveAnswersBatch,
  completeHearing,
  getHearingResult,
];
