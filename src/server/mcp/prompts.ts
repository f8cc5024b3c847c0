import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const INSTRUCTIONS = {
  en: [
    'Run an OCI requirements hearing with the customer, in English.',
    '1. Call create_session with locale "en" and keep the session_id.',
    '2. Call get_hearing_flow and get_hearing_questions (locale "en").',
    '3. Go through the phases in order. Ask the questions of each phase conversationally; for choice questions offer the labels and save the value.',
    '4. Save each answer with save_answer (or several with save_answers_batch) as soon as it is given.',
    '5. When every required question is answered, call complete_hearing and present the summary, requirements and constraints.',
    'If a tool returns an error, read its "error" kind and fix the input instead of retrying blindly.',
  ],
  ja: [
    'お客様との OCI 要件ヒアリングを日本語で進めてください。',
    '1. locale "ja" で create_session を呼び、session_id を控えてください。',
    '2. get_hearing_flow と get_hearing_questions（locale "ja"）を呼んでください。',
    '3. フェーズ順に、各フェーズの質問を会話の形で尋ねてください。選択式の質問はラベルを提示し、値を保存してください。',
    '4. 回答を得たら save_answer（複数なら save_answers_batch）ですぐに保存してください。',
    '5. 必須の質問にすべて回答が揃ったら complete_hearing を呼び、要約・要件・制約を提示してください。',
    'ツールがエラーを返したら "error" の種類を読み、やみくもに再試行せず入力を直してください。',
  ],
};

/** A prompt that starts a hearing: the host's one-click way in. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'start_hearing',
    {
      title: 'Start a requirements hearing',
      description: 'Guides the model through a Galley hearing, phase by phase, saving every answer.',
      argsSchema: { locale: z.enum(['ja', 'en']).optional().describe('ja or en (default en)') },
    },
    ({ locale }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: INSTRUCTIONS[locale ?? 'en'].join('\n') } }],
    }),
  );
}
