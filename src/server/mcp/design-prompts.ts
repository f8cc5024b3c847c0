import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

type Locale = 'ja' | 'en';

const AUTO_DESIGN: Record<Locale, (sessionId: string) => string[]> = {
  en: (id) => [
    `Design an OCI architecture for the proof of concept of hearing session ${id}, in English.`,
    `1. Call get_hearing_result with session_id "${id}" and read the requirements, constraints and answers.`,
    '2. Call list_available_services to see the service types, their config fields and where each is placed.',
    '3. Propose a whole architecture: a vcn, public and private subnets, the gateways the subnets need, compute, data, edge and the other services the requirements call for. Place subnets and gateways in the vcn, everything network-bound in a subnet, and keep databases and application servers in private subnets. Give connections with their purpose and reasons that cite the hearing\'s question ids.',
    '4. Save it with save_architecture (one call, all components, connections and reasons).',
    '5. Call validate_architecture. For every error, and every warning you agree with, fix the design: configure_component for config, add_component / remove_component / add_connection / remove_connection for structure.',
    '6. Call validate_architecture again until no errors remain, then explain the design, the remaining warnings and why you accept them.',
    '7. Offer export_all for the Markdown summary, the Mermaid diagram and the Terraform.',
    'If a tool returns an error, read its "error" kind and fix the input instead of retrying blindly.',
  ],
  ja: (id) => [
    `ヒアリング・セッション ${id} の PoC 向け OCI アーキテクチャを日本語で設計してください。`,
    `1. session_id "${id}" で get_hearing_result を呼び、要件・制約・回答を読んでください。`,
    '2. list_available_services を呼び、サービス種別、設定項目、配置先を確認してください。',
    '3. アーキテクチャ全体を提案してください: vcn、パブリック／プライベート・サブネット、サブネットに必要なゲートウェイ、要件が求めるコンピュート、データ、エッジ等のサービス。サブネットとゲートウェイは vcn に、ネットワークに属するものはサブネットに配置し、データベースとアプリケーション・サーバーはプライベート・サブネットに置いてください。接続には目的を、設計判断にはヒアリングの質問 ID を付けてください。',
    '4. save_architecture で保存してください（全コンポーネント・接続・設計判断を 1 回で）。',
    '5. validate_architecture を呼び、すべてのエラーと、妥当と判断した警告を修正してください: 設定は configure_component、構成は add_component / remove_component / add_connection / remove_connection。',
    '6. エラーがなくなるまで validate_architecture を繰り返し、設計内容、残る警告とそれを受け入れる理由を説明してください。',
    '7. export_all で Markdown 要約、Mermaid 図、Terraform の出力を提案してください。',
    'ツールがエラーを返したら "error" の種類を読み、やみくもに再試行せず入力を直してください。',
  ],
};

const INTERACTIVE: Record<Locale, (sessionId: string) => string[]> = {
  en: (id) => [
    `Design the OCI architecture of hearing session ${id} step by step with the presales engineer, in English.`,
    `1. Call get_hearing_result ("${id}") and get_architecture (an "architecture_not_found" error just means nothing is designed yet), and summarise where things stand.`,
    '2. Ask what to add or change next; use list_available_services to offer the fitting service types and their options.',
    '3. Make each agreed change at once: add_component (parents before children: vcn, then subnets, then what sits in them), configure_component, add_connection, remove_connection, remove_component. Each returns the new architecture; show what changed.',
    '4. After each few changes call validate_architecture and discuss the findings with the engineer before fixing them.',
    '5. When the engineer is satisfied, call export_all and share the resource links.',
    'Never change the design without the engineer\'s agreement. If a tool returns an error, read its "error" kind and fix the input.',
  ],
  ja: (id) => [
    `ヒアリング・セッション ${id} の OCI アーキテクチャを、プリセールス・エンジニアと対話しながら日本語で段階的に設計してください。`,
    `1. get_hearing_result（"${id}"）と get_architecture を呼び（"architecture_not_found" はまだ設計がないだけです）、現状をまとめてください。`,
    '2. 次に追加・変更する内容を尋ね、list_available_services で適切なサービス種別と設定を提示してください。',
    '3. 合意した変更はすぐに反映してください: add_component（親から順に: vcn、サブネット、その中のもの）、configure_component、add_connection、remove_connection、remove_component。各ツールは新しいアーキテクチャを返すので、変更点を示してください。',
    '4. 数回の変更ごとに validate_architecture を呼び、修正の前に指摘内容をエンジニアと相談してください。',
    '5. エンジニアが納得したら export_all を呼び、リソース・リンクを共有してください。',
    'エンジニアの合意なしに設計を変えないでください。ツールがエラーを返したら "error" の種類を読み、入力を直してください。',
  ],
};

const args = {
  session_id: z.string().describe('The completed hearing session to design for'),
  locale: z.enum(['ja', 'en']).optional().describe('ja or en (default en)'),
};

/** The two ways into the design: the model proposes it whole, or builds it with the engineer. */
export function registerDesignPrompts(server: McpServer): void {
  server.registerPrompt(
    'design_architecture',
    {
      title: 'Design an architecture from the hearing (auto-design)',
      description: 'Reads the hearing result, proposes a whole architecture, saves it, validates, fixes and validates again.',
      argsSchema: args,
    },
    ({ session_id, locale }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: AUTO_DESIGN[locale ?? 'en'](session_id).join('\n') } }],
    }),
  );
  server.registerPrompt(
    'design_interactively',
    {
      title: 'Design an architecture step by step',
      description: 'Builds the architecture with the engineer one change at a time, validating along the way.',
      argsSchema: args,
    },
    ({ session_id, locale }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: INTERACTIVE[locale ?? 'en'](session_id).join('\n') } }],
    }),
  );
}
