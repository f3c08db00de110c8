// Static checks of docker/*.Dockerfile, .dockerignore and docker/compose.yaml: nothing here builds an image.
// A small Dockerfile reader (line continuations, comments, stages, global ARG defaults) and the rules each
// image follows. Each check returns the problems it found as sentences; an empty list is a pass.
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { commandProblems, pinned, REPO_ROOT } from './manifest-checks';

const dockerignore = require('@balena/dockerignore') as () => {
  add(patterns: string): { ignores(path: string): boolean };
};

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name?: string;
  /** The base image or stage, global ARGs substituted. */
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  path: string;
  stages: Stage[];
}

/** Reads a Dockerfile's instructions: continuations joined, comments dropped, grouped by stage. */
export function parseDockerfile(text: string, path = 'Dockerfile'): Dockerfile {
  const instructions: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line)) return; // comments, also between continuation lines
    if (!pending) start = i + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    if (!full) return;
    const match = /^(\S+)\s*(.*)$/.exec(full)!;
    instructions.push({ keyword: match[1].toUpperCase(), args: match[2], line: start });
  });
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/);
      const from = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => globalArgs[a ?? b] ?? '');
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (!stages.length) {
      if (instruction.keyword === 'ARG') {
        const [key, value] = instruction.args.split('=');
        globalArgs[key.trim()] = (value ?? '').trim();
      }
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { path, stages };
}

export function readDockerfile(path: string, root = REPO_ROOT): Dockerfile {
  return parseDockerfile(readFileSync(join(root, path), 'utf8'), path);
}

/** The Dockerfiles of docker/, as repository paths. */
export function dockerfilePaths(root = REPO_ROOT): string[] {
  return readdirSync(join(root, 'docker'))
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((f) => `docker/${f}`);
}

// ---- shell commands ------------------------------------------------------------------------------------------

/** The simple commands of a RUN line (split at &&, ||, ;, |), each as words with leading VAR=value dropped. */
export function shellCommands(run: string): string[][] {
  return run
    .split(/&&|\|\||;|\|/)
    .map((part) =>
      (part.match(/"[^"]*"|'[^']*'|\S+/g) ?? [])
        .map((w) => w.replace(/^["']|["']$/g, ''))
        .filter((w, i, all) => !(/^\w+=/.test(w) && all.slice(0, i).every((x) => /^\w+=/.test(x)))),
    )
    .filter((words) => words.length > 0);
}

const runsOf = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

/** The npm scripts CI runs: `npm run <name>` in .ci/run or tools/test.sh, or the script's own command there. */
export function ciScripts(root = REPO_ROOT): Set<string> {
  const ci = ['.ci/run', 'tools/test.sh'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const names = Object.keys(scripts).filter(
    (name) =>
      new RegExp(`npm run (--silent )?${name.replace(/[:.]/g, '\\$&')}(\\s|$)`).test(ci) ||
      ci.includes(scripts[name]),
  );
  return new Set(names);
}

/**
 * npm in a build: only `npm ci` (the lock file, as CI installs it), pinning npm itself, cleaning its cache,
 * and `npm run <script>` of the scripts CI runs; never npx.
 */
export function npmProblems(file: Dockerfile, ci: Set<string>): string[] {
  const problems: string[] = [];
  for (const stage of file.stages) {
    for (const words of runsOf(stage).flatMap(shellCommands)) {
      const [program, verb, ...rest] = words;
      const at = `${file.path} stage ${stage.name ?? stage.from}: \`${words.join(' ')}\``;
      if (program === 'npx') problems.push(`${at}: npx in a build (use an npm script CI runs)`);
      if (program !== 'npm') continue;
      if (verb === 'ci' || (verb === 'cache' && rest[0] === 'clean')) continue;
      if (
        verb === 'install' &&
        rest.includes('--global') &&
        rest.filter((w) => !w.startsWith('-')).every((w) => /^npm@/.test(w))
      )
        continue;
      if (verb === 'run') {
        const script = rest.find((w) => !w.startsWith('-'));
        if (!script || !ci.has(script)) problems.push(`${at}: "${script}" is not an npm script CI runs`);
        continue;
      }
      problems.push(`${at}: only npm ci and npm run <a script CI runs> build an image`);
    }
  }
  return problems;
}

// ---- image rules ---------------------------------------------------------------------------------------------

const finalStage = (file: Dockerfile) => file.stages[file.stages.length - 1];
const stageNamed = (file: Dockerfile, name: string) => file.stages.find((s) => s.name === name);

/** The stages a stage builds on (FROM another stage), nearest first. */
function lineage(file: Dockerfile, stage: Stage): Stage[] {
  const parent = stageNamed(file, stage.from);
  return parent ? [stage, ...lineage(file, parent)] : [stage];
}

/** `COPY [--from=x] [--chown=...] src... dest` as its parts. */
function copyParts(args: string): { from?: string; sources: string[] } {
  const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1) };
}

/**
 * Multi-stage; the last stage runs as a numeric non-root user; serves HTTP (EXPOSE) only with a HEALTHCHECK;
 * base images pinned; a Node image's node_modules comes from `npm ci --omit=dev` (no devDependencies) and
 * its built output (dist/, .next/) from a stage that deleted the source maps.
 */
export function imageRuleProblems(file: Dockerfile): string[] {
  const problems: string[] = [];
  const at = file.path;
  if (file.stages.length < 2) problems.push(`${at}: not a multi-stage build`);
  const last = finalStage(file);
  const users = last.instructions.filter((i) => i.keyword === 'USER');
  const user = users[users.length - 1]?.args;
  if (!user || !/^\d+(:\d+)?$/.test(user) || Number(user.split(':')[0]) === 0) {
    problems.push(`${at}: the final stage does not run as a numeric non-root USER (got ${user ?? 'none'})`);
  }
  const serves = last.instructions.some((i) => i.keyword === 'EXPOSE');
  const health = last.instructions.find((i) => i.keyword === 'HEALTHCHECK');
  if (serves && (!health || /^NONE\b/i.test(health.args)))
    problems.push(`${at}: serves HTTP (EXPOSE) without a HEALTHCHECK`);
  for (const stage of file.stages) {
    if (!stageNamed(file, stage.from) && !pinned(stage.from))
      problems.push(`${at}: base image "${stage.from}" is not pinned`);
  }
  for (const stage of lineage(file, last)) {
    for (const words of runsOf(stage).flatMap(shellCommands)) {
      if (words[0] === 'npm' && ['ci', 'install', 'i'].includes(words[1]) && !words.includes('--global')) {
        problems.push(`${at}: the final image installs packages with \`${words.join(' ')}\``);
      }
    }
  }
  for (const copy of last.instructions.filter((i) => i.keyword === 'COPY')) {
    const { from, sources } = copyParts(copy.args);
    const source = from ? stageNamed(file, from) : undefined;
    if (!source) continue;
    const runs = lineage(file, source).flatMap(runsOf);
    if (sources.some((s) => /node_modules\/?$/.test(s))) {
      const installs = runs.flatMap(shellCommands).filter((w) => w[0] === 'npm' && w[1] === 'ci');
      if (!installs.length || !installs[0].includes('--omit=dev')) {
        problems.push(
          `${at}: node_modules comes from stage ${from}, which does not install with npm ci --omit=dev`,
        );
      }
    }
    if (
      sources.some((s) => /(^|\/)(dist|\.next)(\/|$)/.test(s)) &&
      !runs.some((r) => /\*\.map'? -delete/.test(r))
    ) {
      problems.push(`${at}: build output from stage ${from} keeps its source maps`);
    }
  }
  return problems;
}

/** What the image runs (ENTRYPOINT without tini, then CMD) names things that exist in the repository. */
export function entrypointProblems(file: Dockerfile, root = REPO_ROOT): string[] {
  const last = finalStage(file);
  const exec = (keyword: string) => {
    const found = last.instructions.filter((i) => i.keyword === keyword).pop();
    return found
      ? found.args.startsWith('[')
        ? (JSON.parse(found.args) as string[])
        : ['sh', '-c', found.args]
      : [];
  };
  let argv = [...exec('ENTRYPOINT'), ...exec('CMD')];
  if (/tini$/.test(argv[0] ?? '')) argv = argv.slice(argv[1] === '--' ? 2 : 1);
  if (argv[0] === 'sh' && argv[1] === '-c')
    argv = shellCommands(argv[2])
      .flat()
      .filter((w) => w !== 'exec');
  return commandProblems(argv, root).map((p) => `${file.path} CMD: ${p}`);
}

// ---- build context -------------------------------------------------------------------------------------------

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((entry) =>
    ['node_modules', '.next', 'dist', '__pycache__'].includes(entry)
      ? []
      : filesUnder(root, relative(root, join(full, entry))),
  );
}

/** Every COPY from the build context names files that exist and that .dockerignore lets through. */
export function contextProblems(file: Dockerfile, ignoreText: string, root = REPO_ROOT): string[] {
  const ignore = dockerignore().add(ignoreText);
  const problems: string[] = [];
  for (const stage of file.stages) {
    for (const copy of stage.instructions.filter((i) => ['COPY', 'ADD'].includes(i.keyword))) {
      const { from, sources } = copyParts(copy.args);
      if (from) continue;
      for (const source of sources) {
        const files = filesUnder(root, source.replace(/\/$/, ''));
        if (!files.length) problems.push(`${file.path} line ${copy.line}: COPY ${source}: nothing there`);
        else if (!files.some((f) => !ignore.ignores(f)))
          problems.push(`${file.path} line ${copy.line}: COPY ${source}: excluded by .dockerignore`);
        else if (!statSync(join(root, source)).isDirectory() && ignore.ignores(source)) {
          problems.push(`${file.path} line ${copy.line}: COPY ${source}: excluded by .dockerignore`);
        }
      }
    }
  }
  return problems;
}
