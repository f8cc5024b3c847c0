import type { Locale } from '../../hearing/catalog-types';
import { markdownCell, markdownInline } from '../../markdown-text';
import type { HearingSession } from '../../storage/session-store';
import type { Architecture, Component } from '../architecture';
import type { DesignCatalog } from '../design-catalog';
import type { Finding } from '../rules';

const HEADINGS: Record<Locale, Record<string, string>> = {
  en: {
    title: 'Architecture summary',
    revision: 'Revision',
    region: 'Region',
    hearing: 'Hearing',
    components: 'Components',
    connections: 'Connections',
    reasons: 'Design decisions',
    findings: 'Validation findings',
    none: '(none)',
    id: 'ID',
    service: 'Service',
    name: 'Name',
    placement: 'Placement',
    config: 'Configuration',
    severity: 'Severity',
    rule: 'Rule',
    message: 'Finding',
    recommendation: 'Recommendation',
    noHearing: '(the hearing has no result yet)',
  },
  ja: {
    title: 'アーキテクチャ概要',
    revision: 'リビジョン',
    region: 'リージョン',
    hearing: 'ヒアリング',
    components: 'コンポーネント',
    connections: '接続',
    reasons: '設計判断',
    findings: '検証結果',
    none: '（なし）',
    id: 'ID',
    service: 'サービス',
    name: '名前',
    placement: '配置',
    config: '設定',
    severity: '重大度',
    rule: 'ルール',
    message: '指摘',
    recommendation: '推奨',
    noHearing: '（ヒアリング結果はまだありません）',
  },
};

export interface SummaryInput {
  readonly session: HearingSession;
  readonly architecture: Architecture;
  readonly findings: readonly Finding[];
  readonly catalog: DesignCatalog;
}

const cell = markdownCell;

function configText(component: Component): string {
  return Object.entries(component.config).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
}

/**
 * The Markdown summary for the customer: the hearing's summary, the
 * components, the connections, the reasons and the findings. Pure.
 */
export function exportSummaryMarkdown({ session, architecture, findings, catalog }: SummaryInput): string {
  const locale = session.locale;
  const h = HEADINGS[locale];
  const lines: string[] = [`# ${h.title}`, '', `- ${h.revision}: ${architecture.revision}`];
  if (architecture.region) lines.push(`- ${h.region}: ${markdownInline(architecture.region)}`);
  lines.push('', `## ${h.hearing}`, '');
  // The hearing summary is a document of its own; its headings move one level down.
  lines.push(session.result ? session.result.summary.trimEnd().replace(/^(#+) /gm, '#$1 ') : h.noHearing, '');

  lines.push(`## ${h.components}`, '');
  if (architecture.components.length === 0) {lines.push(h.none);} else {
    lines.push(`| ${h.id} | ${h.service} | ${h.name} | ${h.placement} | ${h.config} |`, '|---|---|---|---|---|');
    for (const c of architecture.components) {
      const service = catalog.find(c.type)?.name[locale] ?? c.type;
      lines.push(`| ${cell(c.id)} | ${cell(service)} | ${cell(c.name)} | ${cell(c.placement?.parent ?? '-')} | ${cell(configText(c))} |`);
    }
  }
  lines.push('', `## ${h.connections}`, '');
  if (architecture.connections.length === 0) lines.push(h.none);
  for (const c of architecture.connections) lines.push(`- ${markdownInline(c.from)} → ${markdownInline(c.to)}: ${markdownInline(c.purpose)}`);

  if (architecture.reasons.length > 0) {
    lines.push('', `## ${h.reasons}`, '');
    for (const r of architecture.reasons) {
      const refs = [...(r.component_ids ?? []), ...(r.question_ids ?? []).map((q) => `Q:${q}`)];
      const topic = markdownInline(r.topic).replace(/\*/g, '\\*');
      lines.push(`- **${topic}**: ${markdownInline(r.reason)}${refs.length ? ` (${markdownInline(refs.join(', '))})` : ''}`);
    }
  }

  lines.push('', `## ${h.findings}`, '');
  if (findings.length === 0) {lines.push(h.none);} else {
    lines.push(`| ${h.severity} | ${h.rule} | ${h.message} | ${h.recommendation} |`, '|---|---|---|---|');
    for (const f of findings) lines.push(`| ${f.severity} | ${cell(f.rule_id)} | ${cell(f.message)} | ${cell(f.recommendation)} |`);
  }
  return lines.join('\n') + '\n';
}
