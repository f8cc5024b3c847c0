import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const README = readFileSync(join(resolve(__dirname, '..'), 'README.md'), 'utf8');
const section = (title: string) => {
  const start = README.indexOf(`## ${title}\n`);
  if (start < 0) throw new Error(`README has no section ${title}`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
};

describe('README: connecting an MCP host', () => {
  const connecting = section('Connecting an MCP host');
  const rows = connecting.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('|---'));
  const row = (host: string) => {
    const found = rows.find((r) => r.startsWith(`| ${host} |`));
    if (!found) throw new Error(`no row for ${host}`);
    const [, local, deployed] = found.split('|').slice(1, -1).map((c) => c.trim());
    return { local, deployed };
  };

  test('custom connectors get the deployed HTTPS URL only, never a 127.0.0.1 one', () => {
    expect(rows[0]).toContain('local `http://127.0.0.1:8000/<token>/mcp`');
    expect(rows[0]).toContain('deployed `https://<gateway-host>/<token>/mcp`');
    for (const host of ['Claude Desktop', 'Claude (web, mobile)']) {
      expect(row(host).local).not.toMatch(/connector/i);
      expect(row(host).deployed).toMatch(/Customize → Connectors/);
    }
    expect(row('Claude (web, mobile)').local).toBe('not reachable');
    expect(connecting).toMatch(/reach only public HTTPS URLs/);
  });

  test("Claude Desktop's config reaches a local server only through the mcp-remote stdio bridge", () => {
    expect(row('Claude Desktop').local).toMatch(/mcp-remote/);
    const json = /```json\n([\s\S]*?)```/.exec(connecting)![1];
    const config = JSON.parse(json);
    const server = config.mcpServers.galley;
    // A stdio command, not a remote server entry (which Claude Desktop ignores).
    expect(Object.keys(server).sort()).toEqual(['args', 'command']);
    expect(server.command).toBe('npx');
    expect(server.args).toEqual(['-y', 'mcp-remote', 'http://127.0.0.1:8000/<token>/mcp']);
  });

  test('Claude Code and the Inspector take either URL', () => {
    for (const host of ['Claude Code', 'MCP Inspector']) {
      const { local, deployed } = row(host);
      expect(local).toBe(deployed);
    }
    expect(connecting).toContain('claude mcp add --transport http galley http://127.0.0.1:8000/<token>/mcp');
    expect(connecting).toContain('claude mcp add --transport http galley https://<gateway-host>/<token>/mcp');
  });
});
