import { Catalog, Locale, Question } from './catalog-types';
import { markdownInline } from '../markdown-text';
import { Constraint, HearingResult, HearingSession, Requirement } from '../storage/session-store';

/** Answers in these categories bound the solution rather than describe it. */
const CONSTRAINT_CATEGORIES: ReadonlySet<string> = new Set(['budget', 'schedule']);
/** Choice values that mean "nothing to require". */
const NO_REQUIREMENT_VALUES: ReadonlySet<string> = new Set(['none', 'undecided']);

const HEADINGS: Record<Locale, { title: string; requirements: string; constraints: string; unanswered: string }> = {
  en: { title: 'Hearing summary', requirements: 'Requirements', constraints: 'Constraints', unanswered: '(not answered)' },
  ja: { title: 'ヒアリング結果', requirements: '要件', constraints: '制約', unanswered: '（未回答）' },
};

/**
 * Turns a session's answers into the hearing result: a markdown summary by
 * phase, requirements by category with a priority (answers to required
 * questions are `must`, to optional ones `should`, free notes `could`), and
 * the constraints that budget and schedule put on the design.
 */
export function buildHearingResult(catalog: Catalog, session: HearingSession, completedAt: string): HearingResult {
  const locale = session.locale;
  const byId = new Map(catalog.questions.map((q) => [q.id, q]));
  const requirements: Requirement[] = [];
  const constraints: Constraint[] = [];

  for (const question of catalog.questions) {
    const answer = session.answers[question.id];
    if (!answer) continue;
    const parts = describe(question, answer.value, locale).filter((p) => p.value !== '' && !NO_REQUIREMENT_VALUES.has(p.value));
    for (const part of parts) {
      const description = question.type === 'text' ? part.label : `${question.text[locale]} ${part.label}`;
      if (CONSTRAINT_CATEGORIES.has(question.category)) {
        constraints.push({ category: question.category, description });
      } else {
        requirements.push({ category: question.category, description, priority: priorityOf(question) });
      }
    }
  }

  const h = HEADINGS[locale];
  const lines = [`# ${h.title}`, ''];
  for (const phase of catalog.phases) {
    lines.push(`## ${phase.description[locale]}`, '');
    for (const id of phase.question_ids) {
      const question = byId.get(id);
      if (!question) continue;
      const answer = session.answers[id];
      const shown = answer ? describe(question, answer.value, locale).map((p) => p.label).join(', ') : '';
      lines.push(`- **${question.text[locale]}** ${shown === '' ? h.unanswered : markdownInline(shown)}`);
    }
    lines.push('');
  }
  lines.push(`## ${h.requirements}`, '');
  for (const r of requirements) lines.push(`- [${r.priority}] (${r.category}) ${markdownInline(r.description)}`);
  lines.push('', `## ${h.constraints}`, '');
  for (const c of constraints) lines.push(`- (${c.category}) ${markdownInline(c.description)}`);

  return { summary: lines.join('\n').trimEnd() + '\n', requirements, constraints, completed_at: completedAt };
}

function priorityOf(question: Question): Requirement['priority'] {
  if (question.category === 'notes') return 'could';
  return question.required ? 'must' : 'should';
}

function describe(question: Question, value: string | readonly string[], locale: Locale): { value: string; label: string }[] {
  const values = typeof value === 'string' ? [value] : value;
  return values.map((v) => {
    const choice = question.choices?.find((c) => c.value === v);
    return { value: v, label: choice ? choice.label[locale] : v };
  });
}
