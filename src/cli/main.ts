import { Command, CommanderError, Option } from 'commander';
import { GcadoptError } from '../errors.js';
import { printable } from '../report/printable.js';
import { createContext, resolveGlobals, type CommandContext } from './context.js';
import { StoppedBySignal, type CliIo } from './io.js';
import { version } from './version.js';

/** A command's body: loaded only when that command runs, so `--help` stays fast. */
type Runner = (
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
) => Promise<number>;
type Loader = () => Promise<{ run: Runner }>;

/** How a command starts: `online` ones talk to the org first, so they log in while loading. */
interface CommandStart {
  readonly online?: boolean;
}

/**
 * Runs the gcadopt CLI with `argv` (without node and script) and returns the exit
 * code: 0 success/clean, 2 blocking findings (check), 1 error. Never calls
 * process.exit; never throws.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  let debug = argv.includes('--debug');
  const program = createProgram(io, async (load, cmd, args, start) => {
    const raw = cmd.optsWithGlobals<Record<string, unknown>>();
    const globals = resolveGlobals(raw, io);
    debug = globals.debug;
    const ctx = createContext(io, globals);
    // The login goes out before the command's own code loads: that code is
    // needed only once the token is back, so it loads during the round trip.
    const stopLogin =
      start.online === true ? (await import('./client.js')).startLogin(ctx) : undefined;
    try {
      const { run } = await load();
      exitCode = await run(ctx, args, cmd.opts());
    } finally {
      // A command that failed before using its login must not wait for it to end.
      stopLogin?.();
    }
  });
  // A bare `gcadopt` asks what there is: help on stdout, and that is a success.
  if (argv.length === 0) {
    io.stdout.write(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  // After SIGINT/SIGTERM every pending request, sleep or read fails with an
  // abort error of its own: those are the signal's doing, not failures to explain.
  const stopped: unknown = io.signal?.aborted === true ? io.signal.reason : undefined;
  if (stopped instanceof StoppedBySignal) {
    io.stderr.write(`gcadopt: ${stopped.message}\n`);
    if (debug && error instanceof Error && error.stack !== undefined)
      io.stderr.write(`${error.stack}\n`);
    return stopped.exitCode;
  }
  if (error instanceof CommanderError) {
    // Help and version end here with code 0; usage errors were already printed.
    return error.exitCode === 0 ? 0 : 1;
  }
  if (GcadoptError.is(error)) {
    // Messages quote file names, names and server text: show them, never run them.
    // A message may span lines on purpose (the three versions of a lost update).
    const lines = error.message.split('\n').map(printable).join('\n');
    io.stderr.write(`gcadopt: ${lines}\n`);
    if (error.hint !== undefined) io.stderr.write(`hint: ${printable(error.hint)}\n`);
    if (debug && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`gcadopt: unexpected error (a bug; please report it):\n${text}\n`);
  return 1;
}

type Dispatch = (load: Loader, cmd: Command, args: string[], start: CommandStart) => Promise<void>;

function createProgram(io: CliIo, dispatch: Dispatch): Command {
  const program = new Command('gcadopt')
    .description(
      'Find Genesys Cloud objects that would collide with terraform apply, and adopt them.',
    )
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    })
    .showHelpAfterError('(run with --help for usage)')
    .option('--region <region>', 'Genesys Cloud region: us-east-1, us_east_1 or mypurecloud.com')
    .option('--api-url <url>', 'API base URL (env GCADOPT_API_URL); http only for loopback')
    .option(
      '--login-url <url>',
      'login base URL (env GCADOPT_LOGIN_URL); default: login.<domain> for an api.<domain> --api-url, else --api-url',
    )
    .option('--no-token-cache', 'do not keep the access token in the user cache folder')
    .option('--debug', 'print requests, timings and retries to stderr (never secrets)')
    .option(
      '--no-color',
      'no colours and no spinner (also NO_COLOR, FORCE_COLOR=0; FORCE_COLOR=1 forces them)',
    );

  const add = (cmd: Command, load: Loader, start: CommandStart = {}): Command =>
    withHelp(cmd, commandHelp[commandPath(program, cmd)])
      .exitOverride()
      .configureOutput({
        writeOut: (s) => void io.stdout.write(s),
        writeErr: (s) => void io.stderr.write(s),
      })
      .action(async (...params: unknown[]) => {
        const self = params[params.length - 1] as Command;
        await dispatch(load, self, self.args, start);
      });

  for (const register of commands) register(program, add);
  return program;
}

/** `check`, or `auth status` for a command of a group. */
function commandPath(program: Command, cmd: Command): string {
  const parent = cmd.parent;
  return parent === null || parent === program ? cmd.name() : `${parent.name()} ${cmd.name()}`;
}

type Register = (
  program: Command,
  add: (cmd: Command, load: Loader, start?: CommandStart) => Command,
) => void;

const format = (choices: string[], fallback: string): Option =>
  new Option('--format <format>', 'output format').choices(choices).default(fallback);
const planOption = (): Option =>
  new Option(
    '--plan <file>',
    'plan JSON from `terraform show -json PLANFILE` (the truth when given)',
  );
const stateOption = (): Option =>
  new Option(
    '--state <file>',
    'state file (v4) or `terraform show -json` state; default: the local state terraform uses (DIR/terraform.tfstate, a local backend path, the workspace)',
  );
const exactNamesOption = (): Option =>
  new Option(
    '--exact-names',
    'your org compares names exactly (verified): a name differing only by case or spaces is a warning, not a conflict',
  );
const kindsOption = (verb: string): Option =>
  new Option(
    '--kinds <kinds>',
    `comma-separated kinds to ${verb}, e.g. queues,skills (default: every kind in the input)`,
  );
const varOptions = (cmd: Command): Command =>
  cmd
    .option(
      '--terraform [path]',
      'run `terraform plan` and `terraform show -json` in DIR for the plan and state (binary: PATH, env GCADOPT_TERRAFORM, else terraform; tofu works too)',
    )
    .option('--var <name=value>', 'set a variable (repeatable)', collect, [])
    .option(
      '--var-file <file>',
      'read variables from a .tfvars(.json) file (repeatable)',
      collect,
      [],
    );

/**
 * What `<command> --help` shows under the options: how it is used, the
 * environment it reads and what its exit codes mean. Plain strings, so help
 * loads nothing more.
 */
interface CommandHelp {
  readonly examples: readonly string[];
  readonly env: readonly (readonly [name: string, what: string])[];
  readonly exit: readonly (readonly [code: number, what: string])[];
}

const apiEnv = [
  ['GENESYSCLOUD_OAUTHCLIENT_ID', 'OAuth client id (also GENESYS_CLOUD_CLIENT_ID, or in .env)'],
  ['GENESYSCLOUD_OAUTHCLIENT_SECRET', 'its secret (also GENESYS_CLOUD_CLIENT_SECRET, or in .env)'],
  ['GENESYSCLOUD_REGION', 'region, e.g. eu-central-1 (also GENESYS_CLOUD_REGION; --region)'],
  ['GENESYSCLOUD_ACCESS_TOKEN', 'a ready access token instead of the client'],
  ['GCADOPT_API_URL, GCADOPT_LOGIN_URL', 'API and login base URLs (--api-url, --login-url)'],
  ['GCADOPT_CACHE_DIR', 'token cache folder (default: the user cache folder)'],
  ['HTTPS_PROXY, HTTP_PROXY, NO_PROXY', 'proxy settings'],
] as const;
const terraformEnv = [
  ['TF_VAR_<name>', 'root variable values, as Terraform reads them'],
  ['GCADOPT_TERRAFORM', 'the terraform binary for --terraform (default: terraform on PATH)'],
] as const;
const colorEnv = [
  [
    'NO_COLOR, FORCE_COLOR',
    'NO_COLOR or FORCE_COLOR=0: no colour, no spinner; FORCE_COLOR=1: colour',
  ],
] as const;
const failed = [1, 'error (bad input, credentials, network): one line on stderr'] as const;

function columns(rows: readonly (readonly [string | number, string])[]): string {
  const width = Math.max(...rows.map(([k]) => String(k).length));
  return rows.map(([k, v]) => `  ${String(k).padEnd(width)}  ${v}`).join('\n');
}

/** Adds the example, environment and exit-code sections to a command's help. */
function withHelp(cmd: Command, help: CommandHelp | undefined): Command {
  if (help === undefined) return cmd;
  const env = help.env.length === 0 ? '  none' : columns(help.env);
  return cmd.addHelpText(
    'after',
    `\nExamples:\n${help.examples.map((e) => `  $ ${e}`).join('\n')}\n\nEnvironment:\n${env}\n\nExit codes:\n${columns(help.exit)}\n`,
  );
}

/** Each command's help sections, by its path (`auth status`). */
const commandHelp: Readonly<Record<string, CommandHelp>> = {
  check: {
    examples: [
      'gcadopt check --plan plan.json',
      'gcadopt check infra/prod --var-file prod.tfvars --format sarif --out gcadopt.sarif',
    ],
    env: [...apiEnv, ...terraformEnv, ...colorEnv],
    exit: [
      [0, 'no finding at or above --fail-on: apply will not collide'],
      [2, 'findings at or above --fail-on: terraform apply would fail'],
      failed,
    ],
  },
  import: {
    examples: [
      'gcadopt import --plan plan.json && terraform plan',
      'gcadopt import --commands --shell powershell',
    ],
    env: [...apiEnv, ...terraformEnv, ...colorEnv],
    exit: [
      [0, 'every collision has its import'],
      [2, 'findings an import cannot fix remain (home division, rename, duplicate, ...)'],
      failed,
    ],
  },
  generate: {
    examples: ['gcadopt generate --kinds queues,skills --out generated.tf'],
    env: [...apiEnv, ...terraformEnv, ...colorEnv],
    exit: [[0, 'written (or printed with --out - or --dry-run)'], failed],
  },
  list: {
    examples: ['gcadopt list queues --format csv > queues.csv'],
    env: [...apiEnv, ...colorEnv],
    exit: [[0, 'listed'], failed],
  },
  adopt: {
    examples: ['gcadopt adopt infra/prod --var-file prod.tfvars --dry-run'],
    env: [...apiEnv, ...terraformEnv, ...colorEnv],
    exit: [
      [0, 'the second plan imports every collision and creates no taken name'],
      [2, 'something remains (printed with its fix)'],
      failed,
    ],
  },
  'auth status': {
    examples: ['gcadopt auth status --region eu-central-1'],
    env: apiEnv,
    exit: [
      [0, 'logged in, and every kind may be listed'],
      [1, 'a kind may not be listed (the missing permission is named), or an error'],
    ],
  },
  'divisions list': {
    examples: ['gcadopt divisions list --format json'],
    env: [...apiEnv, ...colorEnv],
    exit: [[0, 'listed'], failed],
  },
  'divisions update': {
    examples: ['gcadopt divisions update Sales --name "Sales EMEA" --dry-run'],
    env: apiEnv,
    exit: [[0, 'updated and verified, nothing to change, a dry run, or declined'], failed],
  },
  emulator: {
    examples: ['gcadopt emulator --seed examples/org.json --port 8080'],
    env: [],
    exit: [[0, 'stopped with Ctrl-C'], failed],
  },
  serve: {
    examples: ['gcadopt serve --config serve.json --port 8080'],
    env: [
      ['hmacKey {"env": NAME}', 'the variable the config names for the HMAC key'],
      [
        'orgs.*.clientIdEnv, clientSecretEnv',
        "the variables the config names for each org's client",
      ],
    ],
    exit: [[0, 'stopped with Ctrl-C'], failed],
  },
  provider: {
    examples: ['gcadopt provider --cli-config /tmp/gc-provider'],
    env: [
      ...apiEnv,
      ['TF_LOG', "when set, requests and retries go to Terraform's log (never secrets)"],
    ],
    exit: [[0, 'written, or served until Terraform stops it'], failed],
  },
  demo: {
    examples: ['gcadopt demo'],
    env: [['PATH', 'terraform on it runs the real apply too'], ...colorEnv],
    exit: [[0, 'shown'], failed],
  },
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const commands: Register[] = [
  (program, add) => {
    add(
      varOptions(
        program
          .command('check')
          .description('report every planned create or rename that would collide with the org')
          .argument('[dir]', 'Terraform root module folder', '.')
          .addOption(planOption())
          .addOption(stateOption())
          .addOption(exactNamesOption())
          .addOption(kindsOption('check'))
          .addOption(format(['text', 'json', 'sarif', 'github', 'markdown'], 'text'))
          .option('--out <file>', 'write the report to this file instead of stdout')
          .addOption(
            new Option('--fail-on <severity>', 'lowest severity that makes exit code 2')
              .choices(['error', 'warning'])
              .default('error'),
          ),
      ),
      () => import('./commands/check.js'),
    );
  },
  (program, add) => {
    add(
      varOptions(
        program
          .command('import')
          .description(
            'write import blocks (or commands) for live objects the config would collide with',
          )
          .argument('[dir]', 'Terraform root module folder', '.')
          .addOption(planOption())
          .addOption(stateOption())
          .addOption(exactNamesOption())
          .addOption(kindsOption('import'))
          .option(
            '--out <file>',
            'a .tf file of DIR to write the import blocks to (default imports.tf); - prints them',
          )
          .option('--commands', 'print `terraform import` commands instead of writing blocks')
          .addOption(
            new Option('--shell <shell>', 'quoting for --commands')
              .choices(['bash', 'powershell'])
              .default('bash'),
          )
          .option(
            '--include-case',
            'with --exact-names, also import live objects whose name differs only by case or spaces',
          )
          .option('--dry-run', 'print what would be written; write nothing'),
      ),
      () => import('./commands/import.js'),
    );
  },
  (program, add) => {
    add(
      varOptions(
        program
          .command('generate')
          .description('write resource + import blocks for live objects no configuration manages')
          .argument('[dir]', 'Terraform root module folder (to skip what it already manages)', '.')
          .addOption(stateOption())
          .option('--out <file>', 'a .tf file of DIR to write (default generated.tf); - prints it')
          .option(
            '--kinds <kinds>',
            'comma-separated kinds to generate, e.g. queues,skills (default: all)',
          )
          .option('--prune', 'remove the blocks of objects gone from the org (kept by default)')
          .option('--dry-run', 'print what would be written; write nothing'),
      ),
      () => import('./commands/generate.js'),
    );
  },
  (program, add) => {
    add(
      program
        .command('list')
        .description('list the live objects of one kind')
        .argument('<kind>', 'divisions, queues, skills, wrapupcodes, languages, groups or roles')
        .addOption(format(['table', 'json', 'csv'], 'table')),
      () => import('./commands/list.js'),
      { online: true },
    );
  },
  (program, add) => {
    add(
      varOptions(
        program
          .command('adopt')
          .description(
            'plan with Terraform, write import blocks for the collisions, plan again and verify them',
          )
          .argument('[dir]', 'Terraform root module folder (initialised)', '.')
          .addOption(exactNamesOption())
          .option(
            '--out <file>',
            'a .tf file of DIR to write the import blocks to (default imports.tf)',
          )
          .option('--dry-run', 'plan and check, print the import blocks; write nothing'),
      ),
      () => import('./commands/adopt.js'),
    );
  },
  (program, add) => {
    const auth = program.command('auth').description('the credentials gcadopt uses');
    add(
      auth
        .command('status')
        .description(
          'show where the credentials come from, the region, the org, the token expiry and what each kind may list',
        ),
      () => import('./commands/auth-status.js'),
    );
  },
  (program, add) => {
    const divisions = program.command('divisions').description('list or update live divisions');
    add(
      divisions
        .command('list')
        .description('list the divisions of the org (the same as: list divisions)')
        .addOption(format(['table', 'json', 'csv'], 'table')),
      () => import('./commands/divisions-list.js'),
      { online: true },
    );
    add(
      divisions
        .command('update')
        .description('update one division safely (diff, confirm, write, verify)')
        .argument('<division>', 'division id or exact name')
        .option('--name <name>', 'new name')
        .option('--description <text>', 'new description')
        .option('--dry-run', 'show the diff; write nothing')
        .option('-y, --yes', 'do not ask for confirmation')
        .option('--dir <dir>', 'Terraform folder whose config and state to check', '.')
        .addOption(stateOption())
        .option('--force', 'update even a division Terraform manages (the next apply reverts it)'),
      () => import('./commands/divisions-update.js'),
    );
  },
  (program, add) => {
    add(
      program
        .command('emulator')
        .description('run a local Genesys Cloud API (OAuth + divisions) until stopped')
        .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
        .option('--seed <file>', 'org seed file (JSON: divisions, clients, limits)')
        .option('--data <file>', 'persist the org in this file across restarts')
        .option('--latency <ms>', 'delay added to every response', '0')
        .option('--fault-rate <rate>', 'share of API requests answered 503, 429 or dropped', '0')
        .option('--fault-seed <n>', 'seed for deterministic faults', '1')
        .option('--token-lifetime <seconds>', 'access token lifetime', '86400')
        .addOption(
          new Option('--duplicate-status <status>', 'status for a duplicate name')
            .choices(['409', '400'])
            .default('409'),
        )
        .option(
          '--duplicate <type=status[:code]>',
          'how one type answers a duplicate name, e.g. queues=400:general.conflict (repeatable)',
          collect,
          [],
        )
        .option(
          '--deleted-names-block',
          "a deleted skill's, language's or group's name still blocks a create",
        )
        .addOption(
          new Option(
            '--name-compare <rule>',
            "how names clash on create/rename (default: the seed's, else case-and-space-insensitive)",
          ).choices(['exact', 'case-insensitive', 'case-and-space-insensitive']),
        ),
      () => import('./commands/emulator.js'),
    );
  },
  (program, add) => {
    add(
      program
        .command('serve')
        .description('run the HCP Terraform / Terraform Enterprise run task service until stopped')
        .requiredOption(
          '--config <file>',
          'serve config (JSON): HMAC key source, orgs, workspace rules',
        )
        .option('--port <port>', "port to listen on (default: the config's, else 8080)"),
      () => import('./commands/serve.js'),
    );
  },
  (program, add) => {
    add(
      program
        .command('provider')
        .description(
          'a local Terraform provider for mypurecloud/genesyscloud that talks to the given API (the emulator)',
        )
        .option(
          '--cli-config <dir>',
          'write the launcher and a Terraform CLI config (dev_overrides) into DIR instead of serving',
        ),
      () => import('./commands/provider.js'),
    );
  },
  (program, add) => {
    add(
      program
        .command('demo')
        .description('run check and import on the bundled example against the embedded emulator'),
      () => import('./commands/demo.js'),
    );
  },
];
