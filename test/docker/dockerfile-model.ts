import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Copy, DockerfileParser, Instruction } from 'dockerfile-ast';

export const ROOT = resolve(__dirname, '../..');
export const DOCKERFILE_PATH = join(ROOT, 'docker', 'Dockerfile');

export interface Stage {
  readonly name: string;
  readonly image: string;
  readonly instructions: Instruction[];
}

export interface DockerfileModel {
  readonly text: string;
  /** Global `ARG name=value` defaults, before the first FROM. */
  readonly args: Record<string, string>;
  readonly stages: Stage[];
}

/** docker/Dockerfile, parsed by dockerfile-ast and split into stages. */
export function loadDockerfile(text = readFileSync(DOCKERFILE_PATH, 'utf8')): DockerfileModel {
  const parsed = DockerfileParser.parse(text);
  const args: Record<string, string> = {};
  const stages: Array<{ name: string; image: string; instructions: Instruction[] }> = [];
  for (const instruction of parsed.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const [image, as, name] = instruction.getArguments().map((a) => a.getValue());
      if (as?.toUpperCase() !== 'AS' || !name) throw new Error(`unnamed stage: FROM ${image}`);
      stages.push({ name, image, instructions: [] });
    } else if (stages.length === 0) {
      if (keyword !== 'ARG') throw new Error(`${keyword} before the first FROM`);
      const [name, ...value] = (instruction.getArgumentsContent() ?? '').split('=');
      args[name] = value.join('=');
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { text, args, stages };
}

export function keywordArgs(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');
}

/** A JSON-form instruction's strings (CMD/ENTRYPOINT, or HEALTHCHECK's CMD part). */
export function jsonStrings(content: string): string[] {
  const json = /\[.*\]/s.exec(content)?.[0];
  if (!json) throw new Error(`not in JSON form: ${content}`);
  return JSON.parse(json.replace(/\\\n/g, ''));
}

export interface CopySpec {
  readonly from?: string;
  readonly sources: string[];
  readonly destination: string;
}

export function copies(stage: Stage): CopySpec[] {
  return stage.instructions.filter((i): i is Copy => i.getKeyword() === 'COPY').map((copy) => {
    const args = copy.getArguments().map((a) => a.getValue());
    return { from: copy.getFromFlag()?.getValue() ?? undefined, sources: args.slice(0, -1), destination: args[args.length - 1] };
  });
}
