/** Answers to every question of the built-in catalog, in the shapes each type takes. */
export const FULL_ANSWERS: Record<string, string | string[]> = {
  project_purpose: 'Move the order management system from on-premises to OCI',
  success_criteria: 'Month-end batch finishes within 2 hours',
  user_scale: '1000_to_10000',
  peak_load: '300 requests per second at 9am',
  workload_type: ['web_application', 'batch'],
  compute_platform: 'kubernetes',
  database: 'autonomous',
  data_volume: '2 TB, growing 20% a year',
  network_connectivity: 'site_to_site_vpn',
  security_requirements: ['data_residency', 'audit_logging'],
  availability: '99_95',
  disaster_recovery: 'cross_region',
  budget: '10k_to_50k_usd',
  timeline: 'PoC in January, go-live in June',
  additional_notes: 'The customer prefers Japanese documentation',
};

export const REQUIRED_IDS = [
  'project_purpose',
  'user_scale',
  'workload_type',
  'database',
  'network_connectivity',
  'security_requirements',
  'availability',
  'budget',
  'timeline',
];
