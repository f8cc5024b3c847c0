import { Catalog, Choice, LocalizedText, Phase, Question } from './catalog-types';

const choice = (value: string, en: string, ja: string): Choice => ({ value, label: { en, ja } });
const text = (en: string, ja: string): LocalizedText => ({ en, ja });

/** The questions an OCI presales hearing asks, in the order of the flow. */
const QUESTIONS: readonly Question[] = [
  {
    id: 'project_purpose',
    category: 'business',
    required: true,
    type: 'text',
    text: text(
      'What is the purpose of this project, and what business problem should it solve?',
      'このプロジェクトの目的と、解決したいビジネス上の課題は何ですか？',
    ),
  },
  {
    id: 'success_criteria',
    category: 'business',
    required: false,
    type: 'text',
    text: text(
      'How will you judge the proof of concept a success?',
      'PoC の成功基準は何ですか？',
    ),
  },
  {
    id: 'user_scale',
    category: 'scale',
    required: true,
    type: 'choice',
    text: text('How many users will use the system?', 'システムの利用者数はどのくらいですか？'),
    choices: [
      choice('under_100', 'Fewer than 100', '100 人未満'),
      choice('100_to_1000', '100 to 1,000', '100〜1,000 人'),
      choice('1000_to_10000', '1,000 to 10,000', '1,000〜10,000 人'),
      choice('over_10000', 'More than 10,000', '10,000 人超'),
    ],
  },
  {
    id: 'peak_load',
    category: 'scale',
    required: false,
    type: 'text',
    text: text(
      'What peak load do you expect (requests per second, concurrent sessions, batch volume)?',
      '想定されるピーク負荷（秒間リクエスト数、同時セッション数、バッチ量など）は？',
    ),
  },
  {
    id: 'workload_type',
    category: 'workload',
    required: true,
    type: 'multi_choice',
    text: text('What kinds of workload will run?', 'どのような種類のワークロードを稼働させますか？'),
    choices: [
      choice('web_application', 'Web application', 'Web アプリケーション'),
      choice('api_backend', 'API backend', 'API バックエンド'),
      choice('batch', 'Batch processing', 'バッチ処理'),
      choice('data_analytics', 'Data analytics', 'データ分析'),
      choice('ai_ml', 'AI / machine learning', 'AI・機械学習'),
      choice('packaged_software', 'Packaged software (ERP etc.)', 'パッケージソフトウェア（ERP など）'),
    ],
  },
  {
    id: 'compute_platform',
    category: 'workload',
    required: false,
    type: 'choice',
    text: text('Which compute platform do you prefer?', '希望するコンピュート基盤はどれですか？'),
    choices: [
      choice('vm', 'Virtual machines', '仮想マシン'),
      choice('kubernetes', 'Kubernetes (OKE)', 'Kubernetes（OKE）'),
      choice('containers', 'Container Instances', 'コンテナ・インスタンス'),
      choice('serverless', 'Serverless (Functions)', 'サーバーレス（Functions）'),
      choice('undecided', 'Undecided', '未定'),
    ],
  },
  {
    id: 'database',
    category: 'database',
    required: true,
    type: 'choice',
    text: text('Which database will the system use?', '利用するデータベースはどれですか？'),
    choices: [
      choice('autonomous', 'Autonomous Database', 'Autonomous Database'),
      choice('base_db', 'Oracle Base Database Service', 'Oracle Base Database Service'),
      choice('mysql_heatwave', 'MySQL HeatWave', 'MySQL HeatWave'),
      choice('postgresql', 'PostgreSQL', 'PostgreSQL'),
      choice('nosql', 'NoSQL', 'NoSQL'),
      choice('none', 'No database', 'データベースなし'),
    ],
  },
  {
    id: 'data_volume',
    category: 'database',
    required: false,
    type: 'text',
    text: text('How much data will be stored, and how fast does it grow?', '保存するデータ量と増加ペースは？'),
  },
  {
    id: 'network_connectivity',
    category: 'network',
    required: true,
    type: 'choice',
    text: text(
      'How will the system connect to your existing environment?',
      '既存環境とはどのように接続しますか？',
    ),
    choices: [
      choice('internet_only', 'Internet only', 'インターネットのみ'),
      choice('site_to_site_vpn', 'Site-to-Site VPN', 'サイト間 VPN'),
      choice('fastconnect', 'FastConnect', 'FastConnect'),
      choice('multicloud', 'Interconnect with another cloud', '他クラウドとの相互接続'),
    ],
  },
  {
    id: 'security_requirements',
    category: 'security',
    required: true,
    type: 'multi_choice',
    text: text(
      'Which security and compliance requirements apply?',
      '適用されるセキュリティ・コンプライアンス要件はどれですか？',
    ),
    choices: [
      choice('data_residency', 'Data must stay in the country', 'データの国内保管'),
      choice('encryption_cmk', 'Encryption with customer-managed keys', '顧客管理鍵による暗号化'),
      choice('private_only', 'No public endpoints', 'パブリック・エンドポイントなし'),
      choice('audit_logging', 'Audit logging', '監査ログ'),
      choice('waf', 'Web application firewall', 'WAF'),
      choice('industry_compliance', 'Industry compliance (FISC, PCI DSS, ...)', '業界基準への準拠（FISC、PCI DSS など）'),
      choice('none', 'No special requirements', '特になし'),
    ],
  },
  {
    id: 'availability',
    category: 'availability',
    required: true,
    type: 'choice',
    text: text('What availability does the system need?', '求められる可用性はどの程度ですか？'),
    choices: [
      choice('best_effort', 'Best effort', 'ベストエフォート'),
      choice('99_9', '99.9%', '99.9%'),
      choice('99_95', '99.95%', '99.95%'),
      choice('99_99', '99.99% or higher', '99.99% 以上'),
    ],
  },
  {
    id: 'disaster_recovery',
    category: 'availability',
    required: false,
    type: 'choice',
    text: text('What disaster recovery is needed?', '必要な災害対策（DR）は？'),
    choices: [
      choice('none', 'None', '不要'),
      choice('backup_restore', 'Backup and restore', 'バックアップ・リストア'),
      choice('cross_ad', 'Across availability domains', '可用性ドメイン間'),
      choice('cross_region', 'Across regions', 'リージョン間'),
    ],
  },
  {
    id: 'budget',
    category: 'budget',
    required: true,
    type: 'choice',
    text: text('What is the monthly budget for the system?', 'システムの月額予算はどのくらいですか？'),
    choices: [
      choice('under_1k_usd', 'Under USD 1,000', '1,000 米ドル未満'),
      choice('1k_to_10k_usd', 'USD 1,000 to 10,000', '1,000〜10,000 米ドル'),
      choice('10k_to_50k_usd', 'USD 10,000 to 50,000', '10,000〜50,000 米ドル'),
      choice('over_50k_usd', 'Over USD 50,000', '50,000 米ドル超'),
      choice('undecided', 'Not decided yet', '未定'),
    ],
  },
  {
    id: 'timeline',
    category: 'schedule',
    required: true,
    type: 'text',
    text: text(
      'What is the timeline: PoC start, go-live, and any fixed dates?',
      'スケジュール（PoC 開始、本番稼働、確定している期日）は？',
    ),
  },
  {
    id: 'additional_notes',
    category: 'notes',
    required: false,
    type: 'text',
    text: text('Anything else we should know?', 'その他、共有しておきたいことはありますか？'),
  },
];

const PHASES: readonly Phase[] = [
  {
    name: 'business',
    description: text('Why the project exists and how success is judged', 'プロジェクトの背景と成功基準'),
    question_ids: ['project_purpose', 'success_criteria'],
  },
  {
    name: 'workload',
    description: text('Who uses the system, how much, and what runs', '利用者・規模と稼働するワークロード'),
    question_ids: ['user_scale', 'peak_load', 'workload_type', 'compute_platform'],
  },
  {
    name: 'data_and_network',
    description: text('Data stores and connectivity', 'データストアとネットワーク接続'),
    question_ids: ['database', 'data_volume', 'network_connectivity'],
  },
  {
    name: 'non_functional',
    description: text('Security, availability and disaster recovery', 'セキュリティ・可用性・災害対策'),
    question_ids: ['security_requirements', 'availability', 'disaster_recovery'],
  },
  {
    name: 'constraints',
    description: text('Budget, timeline and anything else', '予算・スケジュール・その他'),
    question_ids: ['budget', 'timeline', 'additional_notes'],
  },
];

/** The catalog Galley ships with. */
export const DEFAULT_CATALOG: Catalog = { questions: QUESTIONS, phases: PHASES };
