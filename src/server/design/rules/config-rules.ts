import { ADB_MINIMUMS, FLEX_SHAPES } from './flex-shapes';
import { Rule, RuleHit, t } from './rule-types';

/** Types whose `shape`, `ocpus` and `memory_in_gbs` describe a flexible VM shape. */
const FLEX_TYPES = ['compute_instance', 'oke_node_pool', 'container_instance', 'postgresql'];

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Config sanity beyond each field's own schema: values that only make sense together. */
export const CONFIG_RULES: readonly Rule[] = [
  {
    id: 'config.flex_shape_bounds',
    severity: 'error',
    message: t(
      '{component}: {shape} takes 1 to {max_ocpus} OCPUs and {min_memory} to {max_memory} GB of memory for {ocpus} OCPUs, got {got}.',
      '{component}: {shape} は OCPU 1〜{max_ocpus}、{ocpus} OCPU ではメモリ {min_memory}〜{max_memory} GB ですが、{got} が指定されています。',
    ),
    recommendation: t(
      'Change ocpus or memory_in_gbs of {component} with configure_component to fit the shape.',
      'configure_component で {component} の ocpus または memory_in_gbs をシェイプの範囲に収めてください。',
    ),
    check({ graph }) {
      const hits: RuleHit[] = [];
      for (const c of graph.ofType(...FLEX_TYPES)) {
        const shape = String(c.config.shape ?? '');
        const bounds = FLEX_SHAPES[shape];
        const ocpus = num(c.config.ocpus);
        const memory = num(c.config.memory_in_gbs);
        if (!bounds || ocpus === undefined) continue;
        const clampedOcpus = Math.min(Math.max(ocpus, 1), bounds.maxOcpus);
        const minMemory = clampedOcpus * bounds.minMemoryPerOcpu;
        const maxMemory = Math.min(clampedOcpus * bounds.maxMemoryPerOcpu, bounds.maxMemory);
        const badOcpus = ocpus < 1 || ocpus > bounds.maxOcpus;
        const badMemory = memory !== undefined && (memory < minMemory || memory > maxMemory);
        if (!badOcpus && !badMemory) continue;
        hits.push({
          component_ids: [c.id],
          params: {
            component: c.id,
            shape,
            max_ocpus: bounds.maxOcpus,
            ocpus: clampedOcpus,
            min_memory: minMemory,
            max_memory: maxMemory,
            got: `ocpus=${ocpus}, memory_in_gbs=${memory ?? '-'}`,
          },
        });
      }
      return hits;
    },
  },
  {
    id: 'config.adb_minimums',
    severity: 'error',
    message: t(
      '{component}: an Autonomous Database ({workload}) needs at least {min_ecpus} ECPUs and {min_storage} GB of storage, got {ecpus} ECPUs and {storage} GB.',
      '{component}: Autonomous Database（{workload}）には ECPU {min_ecpus} 以上、ストレージ {min_storage} GB 以上が必要ですが、ECPU {ecpus}、{storage} GB が指定されています。',
    ),
    recommendation: t(
      'Raise compute_count or data_storage_size_in_gbs of {component} with configure_component.',
      'configure_component で {component} の compute_count または data_storage_size_in_gbs を引き上げてください。',
    ),
    check({ graph }) {
      return graph.ofType('autonomous_database').flatMap((c) => {
        const workload = String(c.config.workload ?? 'OLTP');
        const ecpus = num(c.config.compute_count);
        const storage = num(c.config.data_storage_size_in_gbs);
        const minStorage = ADB_MINIMUMS.storageGbs[workload] ?? ADB_MINIMUMS.storageGbs.OLTP;
        const low = (ecpus !== undefined && ecpus < ADB_MINIMUMS.computeCount) || (storage !== undefined && storage < minStorage);
        if (!low) return [];
        return [{
          component_ids: [c.id],
          params: { component: c.id, workload, min_ecpus: ADB_MINIMUMS.computeCount, min_storage: minStorage, ecpus: ecpus ?? '-', storage: storage ?? '-' },
        }];
      });
    },
  },
  {
    id: 'config.oke_cluster_without_nodes',
    severity: 'error',
    message: t(
      'OKE cluster {component} has no worker nodes: no node pool with at least one node is connected to it.',
      'OKE クラスタ {component} にワーカーノードがありません。ノード数 1 以上のノード・プールが接続されていません。',
    ),
    recommendation: t(
      'Add an oke_node_pool with node_count of at least 1 and connect it to {component}.',
      'node_count が 1 以上の oke_node_pool を追加し、{component} に接続してください。',
    ),
    check({ graph }) {
      return graph.ofType('oke_cluster')
        .filter((cluster) => {
          const nodes = graph.sources(cluster.id)
            .filter((s) => s.type === 'oke_node_pool')
            .reduce((sum, pool) => sum + (num(pool.config.node_count) ?? 0), 0);
          return nodes < 1;
        })
        .map((c) => ({ component_ids: [c.id], params: { component: c.id } }));
    },
  },
];
