import type { Component } from '../architecture';
import type { TerraformContext, TerraformFragment } from '../catalog-types';
import { COMPARTMENT, databaseName, FILES, FIRST_AD, fragment, nsgIds, optionalNsgIds, ref, setting, subnetOf, vcnOf } from './common';
import { nsgTcpIngressRule } from './network';
import { block, expr, HclTopLevelBlock, resource } from '../export/hcl';

/** A sensitive variable for an admin password, checked against the service's password rules before anything is created. */
function passwordVariable(name: string, description: string, rules: ReadonlyArray<[string, string]>): HclTopLevelBlock {
  return {
    type: 'variable',
    labels: [name],
    body: {
      description,
      type: expr('string'),
      sensitive: true,
      validation: rules.map(([condition, message]) => block({ condition: expr(condition.replace(/VAR/g, `var.${name}`)), error_message: message })),
    },
  };
}

/**
 * Serverless ADB on ECPUs. In a subnet it gets a private endpoint there:
 * `subnet_id` and an NSG of its own that lets SQL*Net in from the VCN
 * (without one, nothing can reach the endpoint), with TLS allowed so the
 * apps in the VCN need no wallet. Unplaced, it keeps mTLS on its public
 * endpoint.
 */
export function autonomousDatabaseTerraform(adb: Component, context: TerraformContext): readonly TerraformFragment[] {
  const password = `${adb.id}_admin_password`;
  const blocks: HclTopLevelBlock[] = [];
  const subnet = adb.placement ? subnetOf(adb, context) : undefined;
  let nsgs: ReturnType<typeof nsgIds> = [];
  if (subnet) {
    const vcn = vcnOf(subnet, context);
    const nsgAddress = `oci_core_network_security_group.${adb.id}`;
    blocks.push(
      resource('oci_core_network_security_group', adb.id, {
        compartment_id: COMPARTMENT,
        vcn_id: ref(context.address(vcn.id)),
        display_name: `${adb.name} private endpoint`,
      }),
      nsgTcpIngressRule(`${adb.id}_sqlnet`, nsgAddress, setting<string>(vcn, 'cidr_block'), 1521, 1522),
    );
    nsgs = [ref(nsgAddress), ...nsgIds(adb, context)];
  }
  const byol = setting<string>(adb, 'license_model') === 'BRING_YOUR_OWN_LICENSE';
  const warehouse = setting<string>(adb, 'workload') === 'DW';
  const storageGbs = setting<number>(adb, 'data_storage_size_in_gbs');
  blocks.push(
    resource('oci_database_autonomous_database', adb.id, {
      compartment_id: COMPARTMENT,
      db_name: databaseName(adb, context),
      display_name: adb.name,
      db_workload: setting<string>(adb, 'workload'),
      compute_model: 'ECPU',
      compute_count: setting<number>(adb, 'compute_count'),
      // ATP on ECPUs takes storage in GB; ADW only in whole TB.
      data_storage_size_in_gb: warehouse ? undefined : storageGbs,
      data_storage_size_in_tbs: warehouse ? Math.max(1, Math.ceil(storageGbs / 1024)) : undefined,
      is_auto_scaling_enabled: setting<boolean>(adb, 'is_auto_scaling_enabled'),
      license_model: setting<string>(adb, 'license_model'),
      // BYOL needs the edition it brings.
      database_edition: byol ? 'ENTERPRISE_EDITION' : undefined,
      admin_password: expr(`var.${password}`),
      subnet_id: subnet ? ref(context.address(subnet.id)) : undefined,
      nsg_ids: subnet ? nsgs : undefined,
      is_mtls_connection_required: !subnet,
    }),
  );
  return [
    fragment(FILES.data, blocks),
    fragment(FILES.variables, [
      passwordVariable(password, `ADMIN password of ${adb.name}: 12 to 30 characters with an upper-case letter, a lower-case letter and a digit, no double quote, not containing "admin" in any casing.`, [
        ['length(VAR) >= 12 && length(VAR) <= 30', 'The ADB admin password must be 12 to 30 characters long.'],
        ['can(regex("[A-Z]", VAR)) && can(regex("[a-z]", VAR)) && can(regex("[0-9]", VAR))', 'The ADB admin password needs an upper-case letter, a lower-case letter and a digit.'],
        // OCI refuses a password that contains the user name (ADMIN), whatever its casing.
        ['!strcontains(VAR, "\\"") && !strcontains(lower(VAR), "admin")', 'The ADB admin password must not contain a double quote or the word "admin" (in any casing).'],
      ]),
    ]),
  ];
}

/** MySQL needs its admin credentials and an AD at creation; both are given here. */
export function mysqlHeatwaveTerraform(mysql: Component, context: TerraformContext): readonly TerraformFragment[] {
  const password = `${mysql.id}_admin_password`;
  const subnet = subnetOf(mysql, context);
  return [
    fragment(FILES.data, [
      resource('oci_mysql_mysql_db_system', mysql.id, {
        compartment_id: COMPARTMENT,
        availability_domain: FIRST_AD,
        display_name: mysql.name,
        shape_name: setting<string>(mysql, 'shape_name'),
        subnet_id: ref(context.address(subnet.id)),
        data_storage_size_in_gb: setting<number>(mysql, 'data_storage_size_in_gb'),
        is_highly_available: setting<boolean>(mysql, 'is_highly_available'),
        admin_username: 'admin',
        admin_password: expr(`var.${password}`),
        nsg_ids: optionalNsgIds(mysql, context),
      }),
    ]),
    fragment(FILES.variables, [
      passwordVariable(password, `Password of the MySQL admin user of ${mysql.name}: 8 to 32 characters with an upper-case letter, a lower-case letter, a digit and a special character.`, [
        ['length(VAR) >= 8 && length(VAR) <= 32', 'The MySQL admin password must be 8 to 32 characters long.'],
        [
          'can(regex("[A-Z]", VAR)) && can(regex("[a-z]", VAR)) && can(regex("[0-9]", VAR)) && can(regex("[^A-Za-z0-9]", VAR))',
          'The MySQL admin password needs an upper-case letter, a lower-case letter, a digit and a special character.',
        ],
      ]),
    ]),
  ];
}

/** PostgreSQL on a flex shape, with regionally durable storage (multi-AD where the region has it). */
export function postgresqlTerraform(postgres: Component, context: TerraformContext): readonly TerraformFragment[] {
  const password = `${postgres.id}_admin_password`;
  const subnet = subnetOf(postgres, context);
  return [
    fragment(FILES.data, [
      resource('oci_psql_db_system', postgres.id, {
        compartment_id: COMPARTMENT,
        display_name: postgres.name,
        db_version: setting<string>(postgres, 'db_version'),
        shape: setting<string>(postgres, 'shape'),
        instance_ocpu_count: setting<number>(postgres, 'ocpus'),
        instance_memory_size_in_gbs: setting<number>(postgres, 'memory_in_gbs'),
        instance_count: setting<number>(postgres, 'instance_count'),
        network_details: block({ subnet_id: ref(context.address(subnet.id)), nsg_ids: optionalNsgIds(postgres, context) }),
        storage_details: block({ is_regionally_durable: true, system_type: 'OCI_OPTIMIZED_STORAGE' }),
        credentials: block({
          username: 'dbadmin',
          password_details: block({ password_type: 'PLAIN_TEXT', password: expr(`var.${password}`) }),
        }),
      }),
    ]),
    fragment(FILES.variables, [
      passwordVariable(password, `Password of the PostgreSQL user dbadmin of ${postgres.name}: 8 to 32 characters with an upper-case letter, a lower-case letter, a digit and a special character.`, [
        ['length(VAR) >= 8 && length(VAR) <= 32', 'The PostgreSQL admin password must be 8 to 32 characters long.'],
        [
          'can(regex("[A-Z]", VAR)) && can(regex("[a-z]", VAR)) && can(regex("[0-9]", VAR)) && can(regex("[^A-Za-z0-9]", VAR))',
          'The PostgreSQL admin password needs an upper-case letter, a lower-case letter, a digit and a special character.',
        ],
      ]),
    ]),
  ];
}

export function nosqlTableTerraform(table: Component): readonly TerraformFragment[] {
  return [
    fragment(FILES.data, [
      resource('oci_nosql_table', table.id, {
        compartment_id: COMPARTMENT,
        name: table.id,
        ddl_statement: `CREATE TABLE IF NOT EXISTS ${table.id} (id STRING, content JSON, PRIMARY KEY (id))`,
        table_limits: block({
          max_read_units: setting<number>(table, 'max_read_units'),
          max_write_units: setting<number>(table, 'max_write_units'),
          max_storage_in_gbs: setting<number>(table, 'max_storage_in_gbs'),
        }),
      }),
    ]),
  ];
}
