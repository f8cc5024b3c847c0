import { z } from 'zod';
import { LOCALES } from '../hearing/catalog-types';
import { isSessionId } from '../storage/session-store';

/** Longest free-text answer, in characters. */
export const MAX_TEXT_ANSWER_LENGTH = 4000;
/** Most values in one multi-choice answer. */
export const MAX_CHOICES_PER_ANSWER = 50;
/** Longest single choice value. */
export const MAX_CHOICE_LENGTH = 200;
/** Most answers in one `save_answers_batch` call. */
export const MAX_BATCH_ANSWERS = 100;
const MAX_QUESTION_ID_LENGTH = 100;

export const sessionIdSchema = z
  .string()
  .refine(isSessionId, { message: 'must be a session id (a lowercase UUID) returned by create_session' })
  .describe('The session id returned by create_session');

export const localeSchema = z.enum(LOCALES).describe('Language of question texts: ja (Japanese) or en (English)');

export const questionIdSchema = z
  .string()
  .min(1)
  .max(MAX_QUESTION_ID_LENGTH)
  .describe('A question id from get_hearing_questions');

export const answerValueSchema = z
  .union([
    z.string().max(MAX_TEXT_ANSWER_LENGTH),
    z.array(z.string().max(MAX_CHOICE_LENGTH)).max(MAX_CHOICES_PER_ANSWER),
  ])
  .describe('Text, one choice value, or a list of choice values for multi-choice questions');

export const savedAnswerSchema = z.object({
  question_id: z.string(),
  value: z.union([z.string(), z.array(z.string())]),
  answered_at: z.string().describe('ISO 8601 time the answer was stored'),
});

export const hearingOutcomeSchema = z.object({
  session_id: z.string(),
  summary: z.string().describe('Markdown summary of the hearing'),
  requirements: z.array(
    z.object({
      category: z.string(),
      description: z.string(),
      priority: z.enum(['must', 'should', 'could']),
    }),
  ),
  constraints: z.array(z.object({ category: z.string(), description: z.string() })),
  completed_at: z.string(),
  answers: z
    .record(z.string(), z.object({
      value: z.union([z.string(), z.array(z.string())]),
      label: z.union([z.string(), z.array(z.string())]),
    }))
    .describe('The answers by question id: the stored value and its label in the session\'s language, for a design to cite'),
});
