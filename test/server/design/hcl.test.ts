import { parse } from '@cdktf/hcl2json';
import { block, expr, quote, renderHcl, resource } from '../../../src/server/design/export/hcl';

describe('HCL writer', () => {
  test('aligns the = of consecutive one-line attributes, and a block or a multi-line value ends the run', () => {
    const hcl = renderHcl([
      resource('oci_x', 'y', {
        a: 1,
        long_name: 'v',
        nested: block({ z: true, zz: expr('var.z') }),
        b: [1, 2],
        tags: { 'key': 'v', 'Needs-Quotes': 'w' },
        c: 'x',
        skipped: undefined,
      }),
    ]);
    expect(hcl).toBe(
      [
        'resource "oci_x" "y" {',
        '  a         = 1',
        '  long_name = "v"',
        '  nested {',
        '    z  = true',
        '    zz = var.z',
        '  }',
        '  b = [1, 2]',
        '  tags = {',
        '    key            = "v"',
        '    "Needs-Quotes" = "w"',
        '  }',
        '  c = "x"',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('repeated and labelled blocks', () => {
    const hcl = renderHcl([resource('t', 'n', { rule: [block({ a: 1 }), block({ a: 2 })], dynamic: block({ for_each: expr('local.x'), content: block({}) }, 'thing') })]);
    expect(hcl).toContain('  rule {\n    a = 1\n  }\n  rule {\n    a = 2\n  }\n');
    expect(hcl).toContain('  dynamic "thing" {\n    for_each = local.x\n    content {\n    }\n  }\n');
  });

  test('a string is never interpolated: template sequences, quotes and backslashes are escaped', async () => {
    const nasty = 'a "b" \\ ${var.secret} %{ if x } \n end';
    expect(quote(nasty)).toBe('"a \\"b\\" \\\\ $${var.secret} %%{ if x } \\n end"');
    const parsed = await parse('x.tf', renderHcl([resource('t', 'n', { name: nasty })]));
    // hcl2json gives a literal template back with its escapes undone.
    expect(JSON.stringify(parsed)).not.toContain('"${var.secret}');
    expect(parsed.resource.t.n[0].name).toContain('$${var.secret}');
  });

  test('a number HCL cannot write is refused', () => {
    expect(() => renderHcl([resource('t', 'n', { x: Number.NaN })])).toThrow('HCL has no literal for NaN');
  });
});
