export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type LocalizedText = Readonly<Record<Locale, string>>;

export type AnswerType = 'text' | 'choice' | 'multi_choice';

export interface Choice {
  readonly value: string;
  readonly label: LocalizedText;
}

export interface Question {
  readonly id: string;
  readonly category: string;
  readonly required: boolean;
  readonly type: AnswerType;
  readonly text: LocalizedText;
  /** Offered values for `choice` and `multi_choice`. */
  readonly choices?: readonly Choice[];
}

export interface Phase {
  readonly name: string;
  readonly description: LocalizedText;
  readonly question_ids: readonly string[];
}

/** A question catalog and the order in which its phases are asked. */
export interface Catalog {
  readonly questions: readonly Question[];
  readonly phases: readonly Phase[];
}
