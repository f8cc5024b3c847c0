import { build, cleanWebApp, edit, everyServiceType, sessionWith, thirtyComponents } from './sample-architectures';
import { BUILTIN_DESIGN_CATALOG } from '../../../src/server/design/builtin-catalog';
import { exportSummaryMarkdown } from '../../../src/server/design/export/markdown';
import { exportMermaid, mermaidText } from '../../../src/server/design/export/mermaid';
import { validateArchitecture } from '../../../src/server/design/validate-architecture';
import { DEFAULT_CATALOG } from '../../../src/server/hearing/catalog';
import { buildHearingResult } from '../../../src/server/hearing/result-builder';
import { parseMermaid } from '../helpers/mermaid';

const ARCHITECTURES = {
  'clean web app': build(cleanWebApp()),
  'every service type, with labels full of Mermaid syntax': build(everyServiceType()),
  'thirty components': build(thirtyComponents()),
  'components named like Mermaid keywords, purposes with quotes and pipes': build(edit(cleanWebApp(), {
    add: [
      { id: 'end', type: 'object_storage_bucket', name: 'end' },
      { id: 'subgraph', type: 'queue', name: 'subgraph "x" [y] {z}' },
      { id: 'o', type: 'streaming', name: 'x --> y' },
    ],
    connect: [['app_nodes', 'end', 'writes "reports" | archives'], ['app_nodes', 'subgraph', 'a;b#c<d>'], ['o', 'end', '']],
  })),
  'empty': build({ components: [], connections: [] }),
  'a name carrying a Mermaid init directive': build({
    components: [{ id: 'q', type: 'queue', name: "%%{init: {'theme':'dark','themeCSS':'.node rect{fill:red}'}}%%", config: {} }],
    connections: [],
  }),
};

describe('Mermaid export', () => {
  test('every test architecture parses with mermaid\'s own parser as a flowchart', () => {
    const diagrams = Object.values(ARCHITECTURES).map((a) => exportMermaid(a, BUILTIN_DESIGN_CATALOG));
    const results = parseMermaid(diagrams);
    Object.keys(ARCHITECTURES).forEach((name, i) => expect({ name, ...results[i] }).toEqual({ name, ok: true, type: 'flowchart-v2' }));
  });

  test('the parser does reject a broken diagram (the check can fail)', () => {
    const broken = exportMermaid(ARCHITECTURES['clean web app'], BUILTIN_DESIGN_CATALOG).replace('end\n', '');
    expect(parseMermaid([broken])[0].ok).toBe(false);
  });

  test('VCN and subnets are subgraphs holding what is placed in them; connections are labelled edges', () => {
    const text = exportMermaid(ARCHITECTURES['clean web app'], BUILTIN_DESIGN_CATALOG);
    const lines = text.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(text.startsWith('flowchart TB\n')).toBe(true);
    expect(lines[at('subgraph c_vcn ')]).toMatch(/^ {2}subgraph c_vcn \["PoC VCN 10\.0\.0\.0\/16"\]$/);
    expect(lines[at('subgraph c_app_subnet ')]).toMatch(/^ {4}subgraph c_app_subnet \["App 10\.0\.1\.0\/24, private"\]$/);
    expect(lines[at('c_app_nodes["')]).toMatch(/^ {6}c_app_nodes\["App nodes \(OKE node pool\)"\]$/);
    expect(at('c_app_nodes["')).toBeGreaterThan(at('subgraph c_app_subnet '));
    expect(lines[at('c_files["')]).toMatch(/^ {2}c_files/);
    expect(text).toContain('  c_lb -->|"HTTPS from users"| c_app_nodes\n');
  });

  test('labels escape every character Mermaid would read as syntax', () => {
    expect(mermaidText('a "b" <c> |d| #e; `f` (g)\nnext')).toBe('a #34;b#34; #60;c#62; #124;d#124; #35;e#59; #96;f#96; (g) next');
    expect(mermaidText('%%{init: {}}%%')).toBe('#37;#37;#123;init: #123;#125;#125;#37;#37;');
  });

  test('a component name cannot carry a Mermaid directive', () => {
    const text = exportMermaid(ARCHITECTURES['a name carrying a Mermaid init directive'], BUILTIN_DESIGN_CATALOG);
    expect(text).not.toMatch(/[%{}]/);
    expect(text).toContain('c_q["#37;#37;#123;init: #123;');
  });
});

describe('Markdown summary', () => {
  const architecture = build(edit(cleanWebApp(), { place: { orders_db: 'public_subnet' } }));
  const summary = (locale: 'ja' | 'en') => {
    const session = sessionWith(architecture, locale);
    const findings = validateArchitecture(architecture, BUILTIN_DESIGN_CATALOG, session.answers, locale);
    return exportSummaryMarkdown({ session, architecture, findings, catalog: BUILTIN_DESIGN_CATALOG });
  };

  test('holds the hearing summary, the component table, the connections, the reasons and the findings', () => {
    const md = summary('en');
    expect(md).toMatch(/^# Architecture summary\n/);
    expect(md).toContain('- Revision: 1\n- Region: ap-tokyo-1');
    // The hearing summary's own headings move a level down.
    expect(md).toContain('## Hearing\n\n## Hearing summary\n\n### Requirements');
    expect(md).toContain('| ID | Service | Name | Placement | Configuration |');
    expect(md).toMatch(/\| orders_db \| Autonomous Database[^|]* \| Orders DB \| public_subnet \| [^|]*workload=OLTP/);
    expect(md).toContain('- app_nodes → orders_db: SQL*Net');
    expect(md).toMatch(/\| error \| placement\.database_in_public_subnet \| Database orders_db is in public subnet public_subnet/);
  });

  test('is in the session\'s language', () => {
    const md = summary('ja');
    expect(md).toMatch(/^# アーキテクチャ概要\n/);
    expect(md).toContain('## コンポーネント');
    expect(md).toMatch(/データベース orders_db がパブリック・サブネット public_subnet にあります/);
  });

  test('a pipe or newline in a name cannot break the table', () => {
    const odd = build(edit(cleanWebApp(), { add: [{ id: 'odd', type: 'queue', name: 'a | b\nc' }] }));
    const session = sessionWith(odd);
    const md = exportSummaryMarkdown({ session, architecture: odd, findings: [], catalog: BUILTIN_DESIGN_CATALOG });
    const row = md.split('\n').find((l) => l.startsWith('| odd |'))!;
    expect(row).toContain('a \\| b c');
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  test('no user text can start a line of its own (a lone CR included) or bring raw HTML', () => {
    const odd = build({
      components: [
        { id: 'q', type: 'queue', name: 'ok\r| injected | row | x | y | z |', config: {} },
        { id: 'r', type: 'queue', name: '<img src=x onerror=alert(1)> & co', config: {} },
      ],
      connections: [['q', 'r', 'x\r# Injected heading\u2028- item']],
    });
    const withReasons = { ...odd, reasons: [{ topic: 'a**b\r# h', reason: '<b>x</b>\n> quote' }] };
    const md = exportSummaryMarkdown({ session: sessionWith(withReasons), architecture: withReasons, findings: [], catalog: BUILTIN_DESIGN_CATALOG });
    expect(md).not.toMatch(/[\r\u2028]/);
    expect(md).not.toMatch(/<img|<b>/);
    expect(md).not.toMatch(/^(# Injected|\| injected|> quote|- item)/m);
    expect(md).toContain('| r | Queue | &lt;img src=x onerror=alert(1)&gt; &amp; co |');
    expect(md).toContain('- q → r: x # Injected heading - item');
    expect(md).toContain('- **a\\*\\*b # h**: &lt;b&gt;x&lt;/b&gt; &gt; quote');
  });

  test('a free hearing answer written into the hearing summary cannot start a line or bring raw HTML', () => {
    const session = sessionWith(build(cleanWebApp()), 'en', { project_purpose: 'Shop\r# Injected\n<script>x</script>' });
    const { summary: md } = buildHearingResult(DEFAULT_CATALOG, session, '2026-11-26T00:00:00.000Z');
    expect(md).not.toMatch(/\r|^# Injected|<script>/m);
    expect(md).toContain('Shop # Injected &lt;script&gt;x&lt;/script&gt;');
  });
});
