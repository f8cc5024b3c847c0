// Resource Manager runs a stack with Terraform 1.5.7, while a laptop's local
// validate may run a newer Terraform: what only a newer one reads is refused
// before any job, naming the release that brought it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformEnv } from '../../../scripts/terraform';
import { exportTerraform } from '../../../src/server/design/export/terraform';
import { STACK_TERRAFORM_CLI, findNewerThanStack, satisfies } from '../../../src/server/infra/terraform-dialect';
import { findRefusedConstructs } from '../../../src/server/infra/terraform-guard';
import { TerraformValidator } from '../../../src/server/infra/terraform-validate';
import { allServicesArchitecture, architectureFor, FIXTURE_TYPES } from '../design/fixtures';
import { FIXTURE_TF } from '../helpers/infra-world';

const filesOf = (type?: string) =>
  new Map(exportTerraform(type ? architectureFor(type) : allServicesArchitecture()).map((f) => [f.path, f.content]));
const one = (text: string) => findNewerThanStack(new Map([['main.tf', text]]));

describe('what Galley itself exports passes the guard', () => {
  test.each(FIXTURE_TYPES.map((t) => [t]))('the %s fixture', (type) => {
    expect(findRefusedConstructs(filesOf(type))).toEqual([]);
  });

  test('the architecture with every service type', () => {
    expect(findRefusedConstructs(filesOf())).toEqual([]);
  });

  test('arguments that begin with a block keyword are arguments, not blocks', () => {
    const text = 'resource "oci_database_autonomous_database" "adb" {\n  data_storage_size_in_tbs = 1\n  data-x = 2\n  module_name = 3\n  provider_ref = 4\n}\n';
    expect(findRefusedConstructs(new Map([['main.tf', text]]))).toEqual([]);
  });
});

describe('constructs newer than Terraform 1.5', () => {
  test.each([
    ['removed {\n  from = oci_core_vcn.old\n  lifecycle {\n    destroy = false\n  }\n}\n', 'a removed block needs Terraform 1.7 or later', 1],
    ['import {\n  for_each = toset(["a"])\n  to       = oci_core_vcn.x[each.key]\n  id       = each.key\n}\n', 'for_each in an import block needs Terraform 1.7 or later', 1],
    ['import {\n  to = oci_core_vcn.x\n  identity = {\n    id = "x"\n  }\n}\n', 'identity in an import block needs Terraform 1.12 or later', 1],
    ['locals {\n  x = provider::oci::parse("a")\n}\n', 'a provider-defined function needs Terraform 1.8 or later', 2],
    ['output "x" {\n  value = issensitive(var.region)\n}\n', 'the issensitive() function needs Terraform 1.8 or later', 2],
    ['moved {\n  from = oci_core_instance.a\n  to   = oci_core_vcn.a\n}\n', 'a moved block between resource types needs Terraform 1.8 or later', 1],
    ['locals {\n  x = templatestring("$${a}", { a = 1 })\n}\n', 'the templatestring() function needs Terraform 1.9 or later', 2],
    ['variable "a" {\n  type = number\n  validation {\n    condition     = var.a < var.b\n    error_message = "a < b"\n  }\n}\n', 'a variable validation that refers to other objects needs Terraform 1.9 or later', 1],
    ['variable "a" {\n  validation {\n    condition     = local.ok\n    error_message = "no"\n  }\n}\n', 'a variable validation that refers to other objects needs Terraform 1.9 or later', 1],
    ['\nephemeral "oci_secrets_secretbundle" "s" {\n  secret_id = "x"\n}\n', 'an ephemeral resource needs Terraform 1.10 or later', 2],
    ['variable "password" {\n  type      = string\n  ephemeral = true\n}\n', 'an ephemeral variable or output needs Terraform 1.10 or later', 1],
    ['locals {\n  x = ephemeralasnull(var.a)\n}\n', 'the ephemeralasnull() function needs Terraform 1.10 or later', 2],
    ['action "oci_x" "y" {\n}\n', 'an action block needs Terraform 1.14 or later', 1],
    ['import {\n  to = oci_core_vcn.poc\n  id = var.vcn_id\n}\n', 'an import id that is not a literal string needs Terraform 1.6 or later', 1],
    ['variable "cidr" {\n  validation {\n    condition     = var.cidr != oci_core_vcn.poc.cidr_blocks[0]\n    error_message = "overlaps"\n  }\n}\n', 'a variable validation that refers to other objects needs Terraform 1.9 or later', 1],
    ['variable "a" {\n  validation {\n    condition     = var.a > 0\n    error_message = "must exceed ${var.b}"\n  }\n}\n', 'a variable validation that refers to other objects needs Terraform 1.9 or later', 1],
    ['locals {\n  up = core::upper("x")\n}\n', 'a core:: function name needs Terraform 1.8 or later', 2],
    ['output "x" {\n  value = terraform.applying\n}\n', 'terraform.applying needs Terraform 1.10 or later', 2],
  ])('%s', (text, summary, line) => {
    expect(one(text).filter((d) => d.summary === summary)).toEqual([{
      severity: 'error',
      file: 'main.tf',
      line,
      summary,
      detail: expect.stringContaining(`Terraform ${STACK_TERRAFORM_CLI}`),
    }]);
  });

  test('what Terraform 1.5 reads passes: import and check blocks, moved within a type, a validation of its own variable', () => {
    expect(one([
      'import {\n  to = oci_core_vcn.x\n  id = "ocid1.vcn.oc1..x"\n}\n',
      'check "up" {\n  assert {\n    condition     = 1 == 1\n    error_message = "no"\n  }\n}\n',
      'moved {\n  from = oci_core_vcn.a\n  to   = oci_core_vcn.b\n}\n',
      'variable "cidr" {\n  validation {\n    condition     = can(cidrhost(var.cidr, 0))\n    error_message = "not a CIDR, e.g. 10.0.0.0/16 (see docs.oracle.com)"\n  }\n}\n',
      'import {\n  to = oci_core_vcn.y\n  id = "ocid1.vcn.oc1..y"\n}\n',
      'variable "c" {\n  description = "validation { of the CIDR, by var.other"\n}\n',
      '# removed {\nlocals {\n  note = "removed { ephemeral \\"x\\" \\"y\\" { issensitive( terraform.applying"\n}\n',
      'resource "oci_events_rule" "r" {\n  actions {\n    action {\n      action_type = "ONS"\n    }\n  }\n}\n',
      'locals {\n  x = nonsensitive(sensitive("a"))\n  y = strcontains("ab", "a")\n}\n',
    ].join('\n'))).toEqual([]);
  });

  test('a required_version that excludes 1.5.7 is refused; one that admits it passes', () => {
    const required = (c: string) => one(`terraform {\n  required_version = "${c}"\n}\n`);
    expect(required('>= 1.9')).toEqual([expect.objectContaining({ line: 2, summary: 'required_version ">= 1.9" excludes Terraform 1.5.7' })]);
    expect(required('~> 1.6.0')).toHaveLength(1);
    expect(required('>= 1.5.0')).toEqual([]);
    expect(required('>= 1.2, < 2.0')).toEqual([]);
  });

  test.each([
    ['>= 1.5.0', true], ['> 1.5.7', false], ['= 1.5.7', true], ['1.5.7', true], ['!= 1.5.7', false],
    ['< 1.5.7', false], ['<= 1.5.7', true], ['~> 1.5', true], ['~> 1.5.0', true], ['~> 1.4.0', false],
    ['~> 1.6', false], ['~> 1', true], ['>= 1.0, < 1.6', true], ['>= 1.0, < 1.5', false], ['>= banana', false],
  ])('satisfies("1.5.7", "%s") is %s', (constraint, expected) => {
    expect(satisfies(STACK_TERRAFORM_CLI, constraint)).toBe(expected);
  });
});

describe('the local validate, end to end on what Galley exports', () => {
  let workDir: string;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'galley-tf-exports-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  test('the architecture with every service type is valid, and comes back formatted unchanged', async () => {
    const validator = new TerraformValidator({ workDir, env: terraformEnv() as Record<string, string> });
    const files = filesOf();
    const result = await validator.validate('all-services', files);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.formatted).toEqual(files);
  }, 240_000);

  test('a newer construct is refused before init, with no working directory made', async () => {
    const validator = new TerraformValidator({ workDir, env: terraformEnv() as Record<string, string> });
    const result = await validator.validate('removed', new Map([['main.tf', `${FIXTURE_TF}\nremoved {\n  from = oci_core_vcn.old\n}\n`]]));
    expect(result.valid).toBe(false);
    expect(result.diagnostics).toEqual([expect.objectContaining({ summary: 'a removed block needs Terraform 1.7 or later' })]);
  });
});
