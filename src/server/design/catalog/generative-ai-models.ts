/**
 * The chat models offered for hosting, with the dedicated AI cluster unit
 * shape each one needs (a model on the wrong unit shape fails at create time,
 * which `terraform validate` cannot see).
 */
export const GENERATIVE_AI_MODELS: Readonly<Record<string, string>> = {
  'cohere.command-r-08-2024': 'SMALL_COHERE_V2',
  'cohere.command-r-plus-08-2024': 'LARGE_COHERE_V2_2',
  'meta.llama-3.3-70b-instruct': 'LARGE_GENERIC',
};
