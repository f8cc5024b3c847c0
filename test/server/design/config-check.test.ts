import { findServiceType, SERVICE_CATALOG } from '../../../src/server/design/catalog';
import type { ConfigField, ServiceType } from '../../../src/server/design/catalog-types';
import { checkConfig, InvalidConfigError } from '../../../src/server/design/config-check';
import { GalleyError } from '../../../src/server/errors';

/** Values each field must refuse, with why. */
function badValues(field: ConfigField): Array<[string, unknown]> {
  switch (field.kind) {
    case 'string': {
      const bad: Array<[string, unknown]> = [['wrong type', 42]];
      if (field.pattern !== undefined) bad.push(['pattern mismatch', 'not valid!']);
      if (field.maxLength !== undefined) bad.push(['too long', `/${'a'.repeat(field.maxLength)}`]);
      return bad;
    }
    case 'integer':
    case 'number': {
      const bad: Array<[string, unknown]> = [['wrong type', String(field.default ?? 1)], ['not finite', Number.NaN]];
      if (field.kind === 'integer') bad.push(['fraction', (field.min ?? 0) + 0.5]);
      if (field.min !== undefined) bad.push(['below min', field.min - 1]);
      if (field.max !== undefined) bad.push(['above max', field.max + 1]);
      return bad;
    }
    case 'boolean':
      return [['wrong type', 'yes']];
    case 'choice':
      return [['choice not offered', 'nope'], ['wrong type', 1]];
  }
}

const everyField = SERVICE_CATALOG.flatMap((service) => Object.entries(service.config).map(([name, field]) => ({ service, name, field })));
const badCases = everyField.flatMap(({ service, name, field }) =>
  badValues(field).map(([why, value]) => [`${service.type}.${name}`, why, service, name, value] as const),
);

function thrown(fn: () => unknown): GalleyError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GalleyError) return err;
    throw err;
  }
  throw new Error('expected a GalleyError');
}

describe('checkConfig', () => {
  test.each(SERVICE_CATALOG.map((s) => [s.type, s] as const))('%s: the defaults pass its own schema', (_type, service) => {
    const filled = checkConfig(service, {});
    const defaults = Object.fromEntries(
      Object.entries(service.config).filter(([, f]) => f.default !== undefined).map(([name, f]) => [name, f.default]),
    );
    expect(filled).toEqual(defaults);
    expect(checkConfig(service, filled)).toEqual(filled);
  });

  test.each(badCases)('%s rejects a bad value (%s)', (_label, _why, service, name, value) => {
    const err = thrown(() => checkConfig(service, { [name]: value }));
    expect(err).toBeInstanceOf(InvalidConfigError);
    expect(err.kind).toBe('invalid_config');
    expect(err.message).toContain(`\`${name}\``);
    expect(err.message).toContain(`\`${service.type}\``);
    const echoed = JSON.stringify(value) ?? String(value);
    expect(err.message).toContain(echoed.length > 80 ? echoed.slice(0, 80) : echoed);
  });

  test('the messages say what is wrong', () => {
    const instance = findServiceType('compute_instance')!;
    expect(() => checkConfig(instance, { ocpus: 0 })).toThrow('`ocpus` of `compute_instance` must be at least 1, got: 0');
    expect(() => checkConfig(instance, { instance_count: 2.5 })).toThrow('`instance_count` of `compute_instance` must be a whole number, got: 2.5');
    expect(() => checkConfig(instance, { ocpus: '2' })).toThrow('`ocpus` of `compute_instance` must be a number, got: "2"');
    expect(() => checkConfig(findServiceType('subnet')!, { access: 'internal' })).toThrow(
      '`access` of `subnet` must be one of "public", "private", got: "internal"',
    );
    expect(() => checkConfig(findServiceType('vcn')!, { cidr_block: '10.0.0.0/33' })).toThrow(/`cidr_block` of `vcn` must match .*, got: "10.0.0.0\/33"/);
  });

  test('values OCI refuses: a fractional ADB ECPU count, a VM shape on a container instance', () => {
    const adb = findServiceType('autonomous_database')!;
    expect(() => checkConfig(adb, { compute_count: 2.5 })).toThrow('`compute_count` of `autonomous_database` must be a whole number, got: 2.5');
    expect(checkConfig(adb, { compute_count: 4 }).compute_count).toBe(4);
    const ci = findServiceType('container_instance')!;
    expect(() => checkConfig(ci, { shape: 'VM.Standard.E5.Flex' })).toThrow(/`shape` of `container_instance` must match/);
    expect(() => checkConfig(ci, { shape: 'CI.Standard.E4' })).toThrow(InvalidConfigError);
    expect(checkConfig(ci, { shape: 'CI.Standard.A1.Flex' }).shape).toBe('CI.Standard.A1.Flex');
  });

  test('an unknown field is refused, naming the fields there are', () => {
    expect(() => checkConfig(findServiceType('vcn')!, { cidr: '10.0.0.0/16' })).toThrow(
      '`cidr` is not a config field of `vcn` (its fields: `cidr_block`), got: "10.0.0.0/16"',
    );
    expect(() => checkConfig(findServiceType('api_gateway')!, { shape: 'x' })).toThrow('`shape` is not a config field of `api_gateway` (its fields: none), got: "x"');
  });

  test('a config that is not an object is refused', () => {
    for (const config of [null, 'cidr_block=10.0.0.0/16', ['cidr_block'], 3]) {
      expect(() => checkConfig(findServiceType('vcn')!, config)).toThrow(/^config of `vcn` must be an object of fields, got: /);
    }
  });

  test('a huge value is echoed cut short', () => {
    const err = thrown(() => checkConfig(findServiceType('vcn')!, { cidr_block: 'x'.repeat(10_000) }));
    expect(err.message.length).toBeLessThan(300);
  });

  test('a partial update merges over the stored config, then checks the whole', () => {
    const instance = findServiceType('compute_instance')!;
    const stored = checkConfig(instance, { ocpus: 4, memory_in_gbs: 64 });
    const updated = checkConfig(instance, { instance_count: 2 }, { base: stored });
    expect(updated).toEqual({ ...stored, instance_count: 2 });
    expect(stored.instance_count).toBe(1);
    // A stored value outside the schema is caught too: the whole is checked.
    expect(() => checkConfig(instance, { instance_count: 2 }, { base: { ...stored, ocpus: 0 } })).toThrow('`ocpus` of `compute_instance` must be at least 1, got: 0');
    expect(() => checkConfig(instance, {}, { base: { ...stored, legacy: true } })).toThrow('`legacy` is not a config field of `compute_instance`');
  });

  test('null puts a field back to its default', () => {
    const instance = findServiceType('compute_instance')!;
    const stored = checkConfig(instance, { ocpus: 4 });
    expect(checkConfig(instance, { ocpus: null }, { base: stored }).ocpus).toBe(1);
  });

  test('the input objects are not changed', () => {
    const instance = findServiceType('compute_instance')!;
    const base = Object.freeze({ ocpus: 4 });
    const given = Object.freeze({ memory_in_gbs: 64 });
    expect(() => checkConfig(instance, given, { base })).not.toThrow();
    expect(base).toEqual({ ocpus: 4 });
    expect(given).toEqual({ memory_in_gbs: 64 });
  });

  test('a required field without a default must be given', () => {
    const service: ServiceType = {
      ...findServiceType('nosql_table')!,
      type: 'test_table',
      config: {
        ddl: { kind: 'string', description: { en: 'DDL', ja: 'DDL' }, required: true },
        note: { kind: 'string', description: { en: 'note', ja: 'メモ' } },
      },
    };
    expect(() => checkConfig(service, {})).toThrow('`ddl` of `test_table` is required and has no default');
    expect(checkConfig(service, { ddl: 'CREATE TABLE t (id STRING, PRIMARY KEY(id))' })).toEqual({ ddl: 'CREATE TABLE t (id STRING, PRIMARY KEY(id))' });
  });
});
