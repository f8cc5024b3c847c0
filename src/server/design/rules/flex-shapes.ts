/**
 * Bounds of OCI's flexible VM shapes, as data: OCPUs per instance, memory per
 * OCPU and per instance (GB). Source: Oracle Cloud Infrastructure
 * documentation, "Compute Shapes", Flexible Shapes
 * (https://docs.oracle.com/en-us/iaas/Content/Compute/References/computeshapes.htm#flexible);
 * transcribed 2026-11. Shapes not listed are not checked.
 */
export interface FlexShapeBounds {
  readonly maxOcpus: number;
  readonly minMemoryPerOcpu: number;
  readonly maxMemoryPerOcpu: number;
  readonly maxMemory: number;
}

export const FLEX_SHAPES: Readonly<Record<string, FlexShapeBounds>> = {
  'VM.Standard3.Flex': { maxOcpus: 32, minMemoryPerOcpu: 1, maxMemoryPerOcpu: 64, maxMemory: 512 },
  'VM.Standard.E3.Flex': { maxOcpus: 64, minMemoryPerOcpu: 1, maxMemoryPerOcpu: 64, maxMemory: 1024 },
  'VM.Standard.E4.Flex': { maxOcpus: 64, minMemoryPerOcpu: 1, maxMemoryPerOcpu: 64, maxMemory: 1024 },
  'VM.Standard.E5.Flex': { maxOcpus: 94, minMemoryPerOcpu: 1, maxMemoryPerOcpu: 64, maxMemory: 1049 },
  'VM.Standard.A1.Flex': { maxOcpus: 80, minMemoryPerOcpu: 1, maxMemoryPerOcpu: 64, maxMemory: 512 },
  'VM.Optimized3.Flex': { maxOcpus: 18, minMemoryPerOcpu: 1, maxMemoryPerOcpu: 64, maxMemory: 256 },
};

/**
 * Autonomous Database (serverless, ECPU) minimums. Source: "Autonomous
 * Database Serverless: provision" in the OCI documentation; transcribed 2026-11.
 */
export const ADB_MINIMUMS = {
  computeCount: 2,
  storageGbs: { OLTP: 20, DW: 1024 } as Readonly<Record<string, number>>,
};
