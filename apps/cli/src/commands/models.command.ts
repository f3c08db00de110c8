import { Option, type Command } from 'commander';
import { Readable } from 'stream';
import { CliError } from '../cli.error';
import { LorisApi } from '../api/api-client';
import { apiConnection, DEFAULT_API_URL } from '../api/api-connection';
import { listModels, setAlias, type VersionRow } from '../models/models-api';
import { packModel } from '../models/pack-model';
import { formatKeyValues, formatTable } from '../output/table.output';
import { writeOutput } from '../output/write-output';

type PushedVersion = VersionRow & { files: { name: string; sha256: string; bytes: number }[] };

interface ApiOptions {
  api?: string;
  json?: boolean;
}

interface PushOptions extends ApiOptions {
  model: string;
}

/** The roles the API lets push a version (the push route's own check; asked first, see below). */
const PUSHING_ROLES = ['OWNER', 'ENGINEER'];

async function push(dir: string, options: PushOptions): Promise<void> {
  const api = new LorisApi(apiConnection(options.api));
  const packed = await packModel(dir);
  // The route refuses a VIEWER's key before reading the tar, and a refusal that arrives while megabytes are
  // still being sent can reach the client as a broken pipe rather than an answer: ask first, and say so.
  const { me } = await api.graphql<{ me: { role: string } }>('{ me { role } }');
  if (!PUSHING_ROLES.includes(me.role)) {
    throw new CliError(
      'FORBIDDEN',
      `this key's role is ${me.role}; pushing a model version needs ${PUSHING_ROLES.join(' or ')}`,
    );
  }
  const total = packed.files.reduce((sum, file) => sum + file.bytes, 0);
  process.stderr.write(
    `pushing ${packed.contract.name}@${packed.contract.version} (${packed.files.length} files, ` +
      `${(total / 1024 / 1024).toFixed(1)} MiB); the API checks it before registering it\n`,
  );
  const version = await api.pushModel<PushedVersion>(
    options.model,
    Readable.toWeb(packed.tar) as ReadableStream<Uint8Array>,
  );
  writeOutput(Boolean(options.json), version, () =>
    formatKeyValues([
      ['version', version.id],
      ['model', `${version.modelName}, version ${version.number}`],
      ['card', version.label],
      ['files', version.files.map((file) => `${file.name} ${file.sha256.slice(0, 12)}`).join(', ')],
      ['next', `loris models alias set production ${version.id}`],
    ]),
  );
}

async function list(options: ApiOptions): Promise<void> {
  const listing = await listModels(new LorisApi(apiConnection(options.api)));
  const aliasesOf = (id: string) =>
    listing.aliases
      .filter((alias) => alias.versionId === id)
      .map((alias) => alias.name)
      .join(', ');
  writeOutput(Boolean(options.json), listing, () =>
    formatTable(
      ['model', 'version', 'id', 'card', 'source', 'aliases', 'registered'],
      listing.versions.map((v) => [
        v.modelName,
        String(v.number),
        v.id,
        v.label,
        v.provenance.source,
        v.builtIn ? ['default', aliasesOf(v.id)].filter(Boolean).join(', ') : aliasesOf(v.id) || '-',
        v.createdAt,
      ]),
    ),
  );
}

async function aliasSet(name: string, versionId: string, options: ApiOptions): Promise<void> {
  const alias = await setAlias(new LorisApi(apiConnection(options.api)), name, versionId);
  writeOutput(Boolean(options.json), alias, () => `${alias.name} -> ${alias.versionId}`);
}

const apiOption = () =>
  new Option(
    '--api <url>',
    `the LORIS API (default: $LORIS_API_URL, else ${DEFAULT_API_URL}); the key is $LORIS_API_KEY`,
  );

/** `loris models push|list|alias set`: the model registry through the API. */
export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description('the model registry through the API ($LORIS_API_URL, key in $LORIS_API_KEY)');
  models
    .command('push')
    .description(
      'register a model folder (model.json and the ONNX files it names) as the next version of a model; ' +
        'the API checks hashes, tensor names and shapes (running it once), sample rate and genres first',
    )
    .argument('<dir>', 'the model folder, as `python3 -m loris_trainer export` writes it')
    .requiredOption('--model <name>', 'the model it is a version of (created on its first push)')
    .addOption(apiOption())
    .option('--json', 'print JSON instead of text')
    .action((dir: string, options: PushOptions) => push(dir, options));
  models
    .command('list')
    .description("the workspace's model versions and the built-in one, with their aliases")
    .addOption(apiOption())
    .option('--json', 'print JSON instead of a table')
    .action((options: ApiOptions) => list(options));
  const alias = models
    .command('alias')
    .description('aliases: names such as production that point at a version');
  alias
    .command('set')
    .description('point an alias at a version (OWNER or ENGINEER key); new requests follow it at once')
    .argument('<name>', 'the alias, e.g. production or staging')
    .argument('<version-id>', "the version's id (loris models list)")
    .addOption(apiOption())
    .option('--json', 'print JSON instead of text')
    .action((name: string, versionId: string, options: ApiOptions) => aliasSet(name, versionId, options));
}
