import type { Catalog } from '../../../src/server/hearing/catalog-types';

/** A catalog of `n` optional text questions, for concurrency tests. */
export function bigCatalog(n: number): Catalog {
  const questions = Array.from({ length: n }, (_, i) => ({
    id: `q${i}`,
    category: 'notes',
    required: false,
    type: 'text' as const,
    text: { en: `Question ${i}`, ja: `質問 ${i}` },
  }));
  return { questions, phases: [{ name: 'all', description: { en: 'All', ja: '全部' }, question_ids: questions.map((q) => q.id) }] };
}
