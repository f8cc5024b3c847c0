import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';

const FIXTURE = join(__dirname, 'fixtures', 'ensure-python-tool.ts');
const WHEEL = 'galleytoy-0.1-py3-none-any.whl';

/** A minimal pure-Python wheel: pip installs it without any index but ours. */
function wheel(): Uint8Array {
  const info = 'galleytoy-0.1.dist-info';
  return zipSync({
    'galleytoy/__init__.py': strToU8('OK = "installed"\n'),
    [`${info}/METADATA`]: strToU8('Metadata-Version: 2.1\nName: galleytoy\nVersion: 0.1\n'),
    [`${info}/WHEEL`]: strToU8('Wheel-Version: 1.0\nGenerator: galley-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n'),
    [`${info}/RECORD`]: strToU8(`galleytoy/__init__.py,,\n${info}/METADATA,,\n${info}/WHEEL,,\n${info}/RECORD,,\n`),
  });
}

interface Run { child: ChildProcess; out: string; started: Promise<void>; exit: Promise<number | null> }

function run(name: string, requirements: string, env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', '--project', join(__dirname, '..', '..', 'scripts', 'tsconfig.json'), FIXTURE, name, requirements], { env });
  const r = { child, out: '' } as Run;
  child.stdout!.on('data', (d) => { r.out += d; });
  child.stderr!.on('data', (d) => { r.out += d; });
  r.started = new Promise((resolve) => child.stdout!.on('data', () => { if (r.out.includes('started')) resolve(); }));
  r.exit = new Promise((resolve) => child.on('exit', resolve));
  return r;
}

describe('ensurePythonTool (scripts/python-venv.ts)', () => {
  test('two processes installing the same tool at once: one builds, the other waits and reuses it', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'galley-venv-race-'));
    // The find-links page is held while the first install is in pip: the window
    // in which, unlocked, the second process deleted the first's venv.
    const pageRequests: Array<() => void> = [];
    let firstPage!: () => void;
    const firstPageRequested = new Promise<void>((resolve) => { firstPage = resolve; });
    let held = true;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === `/${WHEEL}`) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(Buffer.from(wheel()));
        return;
      }
      const respond = () => res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<a href="/${WHEEL}">${WHEEL}</a>`);
      pageRequests.push(respond);
      if (held) firstPage(); else respond();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const requirements = join(cache, 'requirements.txt');
      writeFileSync(requirements, `--no-index\n--find-links http://127.0.0.1:${port}/\ngalleytoy==0.1\n`);
      const env = { ...process.env, XDG_CACHE_HOME: cache, PIP_NO_CACHE_DIR: '1' };

      const a = run('toy', requirements, env);
      await firstPageRequested;
      // a is in pip, its venv half built: mark it.
      const venv = join(cache, readdirSync(cache).find((n) => n.startsWith('galley-toy-') && !n.endsWith('.lock'))!);
      const marker = join(venv, 'half-built-by-a');
      writeFileSync(marker, '');
      const b = run('toy', requirements, env);
      await b.started;
      // Unlocked, b deletes a's half-built venv at once and builds its own. Locked, it
      // waits; give it ample time to have got that far.
      for (let waited = 0; waited < 5_000 && existsSync(marker); waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const deleted = !existsSync(marker);
      const overlapped = pageRequests.length;
      held = false;
      for (const respond of pageRequests) respond();
      const [codeA, codeB] = await Promise.all([a.exit, b.exit]);

      expect({ deleted, overlapped, codeA, codeB }).toEqual({ deleted: false, overlapped: 1, codeA: 0, codeB: 0 });
      expect(a.out).toContain('installed');
      expect(b.out).toContain('installed');
      // One build served both: the second never ran pip.
      expect(pageRequests).toHaveLength(1);
      // The lock is gone; the environment is marked installed.
      const entries = readdirSync(cache).filter((n) => n.startsWith('galley-toy-'));
      expect(entries).toHaveLength(1);
      expect(existsSync(join(cache, entries[0], '.installed'))).toBe(true);
    } finally {
      server.close();
    }
  }, 120_000);
});
