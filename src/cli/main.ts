// The command line (a contract in the README). Each command calls the same services as the web app.
import { userInfo } from 'node:os';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../config';
import { PromptCancelled, readPassword } from './password-prompt';
import { openDatabase, type Db } from '../data/database';
import { rubricJsonSchema } from '../engine';
import { canonicalJson } from '../services/audit';
import { FILE_FORMATS, formatProblem, loadDataFile } from '../services/data-files';
import { issueInvitations } from '../services/invitations';
import { smtpMailer } from '../services/messages/mailer';
import { sendDueReminders } from '../services/messages/reminders';
import { checkRubric, misnamedRubric, rubricLibrary } from '../services/rubric-library';
import { tenderEvaluation } from '../services/results/results';
import { checkPackData, importPack } from '../services/tender-import';
import { seedDemo } from '../services/demo';
import { writeSummaryFiles, writeSummaryZip } from '../services/summaries/files';
import { tenderSummaryFlags } from '../services/summaries/summaries';
import { tenderRepository } from '../data/tender-repository';
import { awardNotice } from '../services/notices/award-notice';
import { writeRecordFile } from '../services/provider-selection/record-file';
import { ukToday } from '../services/uk-dates';
import { addUser } from '../services/users';
import { exportWorkbook } from '../services/export/tender-export';
import { UsageError, type Io } from './cli-io';
import { backupCommand, migrateCommand, restoreCommand, verifyAuditCommand } from './database-commands';
import { resultsTable } from './results-table';

const USAGE = `Usage: npm run cli -- <command>

  validate <rubric-or-pack-file>...        check files; one line per problem
  import <pack-file> [--owner EMAIL]       import a tender pack (all or nothing)
  results <reference> [--json]             the results, as a table or as JSON
  export <reference> --out FILE [--panel]  the results workbook (.xlsx); --panel: the panel's copy
  user add --email E --name N --role R     add a staff account (commissioner, procurement, facilitator or admin; password on standard input)
  invite <reference> [member-key]...       invitation links and short codes for panel members (all when none named)
  summaries <reference> --out <dir>        one assessment summary (HTML) per bid that was not withdrawn
  summaries <reference> --zip FILE         the same files and an index, in one zip (with --out too: both)
  notice <reference> --out FILE [--published YYYY-MM-DD] [--summaries-sent YYYY-MM-DD] [--voluntary-standstill yes|no]
                                           the contract award notice data (OCDS release package JSON)
  verify-audit                             check the database file's integrity and the audit chain
  migrate                                  apply the database migrations (a release step)
  backup --out FILE                        a consistent copy of the SQLite database, taken while the app serves
  restore FILE [--replace]                 check a backup, then make it the database (stop the app first);
                                           --from FILE names the backup too
  remind                                   send the reminders due today to members who have not sent
                                           their scores (run daily, for example from cron)
  decision-record <reference> --out FILE   the Provider Selection Regime decision record (HTML, to print or file)
  schema [--out FILE]                      the rubric JSON Schema (rubrics/schema.json)
  demo                                     on an empty database, load the demo tender (npm start)`;

export type { Io } from './cli-io';

const actor = () => `cli:${userInfo().username}`;

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig().databaseUrl);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function validate(files: string[], io: Io): Promise<number> {
  if (files.length === 0) throw new UsageError('validate needs at least one file');
  const library = rubricLibrary(loadConfig().rubricsDir);
  let failed = false;
  for (const file of files) {
    const loaded = await loadDataFile(file, [FILE_FORMATS.rubric, FILE_FORMATS.pack]);
    const format = loaded.ok ? (loaded.data as { format?: unknown }).format : undefined;
    const checked = !loaded.ok ? loaded : format === FILE_FORMATS.pack ? await checkPackData(library, loaded.data, file) : checkRubric(file, loaded.data);
    const problems = checked.ok ? [] : checked.problems;
    if (problems.length === 0) {
      io.out(`${file}: valid ${format === FILE_FORMATS.pack ? 'tender pack' : 'rubric'}`);
      const misnamed = checked.ok && 'rubric' in checked ? misnamedRubric(file, checked.rubric.id) : null;
      if (misnamed) io.err(misnamed);
    } else {
      failed = true;
      problems.forEach((p) => io.out(formatProblem(p)));
    }
  }
  return failed ? 1 : 0;
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { owner: { type: 'string' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('import needs exactly one pack file');
  const loaded = await loadDataFile(file, [FILE_FORMATS.pack]);
  const library = rubricLibrary(loadConfig().rubricsDir);
  const outcome = loaded.ok
    ? await withDb((db) => importPack(db, library, loaded.data, { file, owner: values.owner, actor: actor(), now: new Date() }))
    : loaded;
  if (!outcome.ok) {
    outcome.problems.forEach((p) => io.err(formatProblem(p)));
    io.err('Nothing was imported.');
    return 1;
  }
  io.out(outcome.reference);
  return 0;
}

async function resultsCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const [reference] = positionals;
  if (!reference) throw new UsageError('results needs a tender reference');
  const results = await withDb((db) => tenderEvaluation(db, reference));
  if (!results) {
    io.err(`There is no tender with the reference "${reference}".`);
    return 1;
  }
  io.out(values.json ? JSON.stringify(results.json, null, 2) : resultsTable(results));
  return 0;
}

/** Streams the workbook into FILE.partial, then renames it, so FILE is only ever complete. */
async function exportCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, panel: { type: 'boolean' } } });
  const [reference] = positionals;
  if (!reference || positionals.length > 1) throw new UsageError('export needs exactly one tender reference');
  if (!values.out) throw new UsageError('export needs --out FILE.xlsx');
  const out = values.out;
  const partial = `${out}.partial`;
  const file = await open(partial, 'w').catch((error: Error) => error);
  if (file instanceof Error) {
    io.err(`Cannot write ${out}: ${file.message}`);
    return 1;
  }
  const copy = values.panel ? 'panel' : 'procurement';
  try {
    const outcome = await withDb((db) => exportWorkbook(db, reference, { copy, actor: actor(), now: new Date() }, () => file.createWriteStream()));
    if (!outcome) {
      io.err(`There is no tender with the reference "${reference}".`);
      return 1;
    }
    await rename(partial, out);
    io.out(`Wrote ${out}: ${outcome.reference}, the ${copy} copy, ${outcome.bids} bids and ${outcome.scores} scores (sheets: ${outcome.sheets.join(', ')}).`);
    return 0;
  } finally {
    await file.close().catch(() => undefined);
    await rm(partial, { force: true });
  }
}

async function userCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new UsageError('the user command has one form: user add --email E --name N --role R');
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } });
  const password = (await io.stdin()).replace(/\r?\n$/, '');
  const outcome = await withDb((db) =>
    addUser(db, { email: values.email ?? '', name: values.name ?? '', role: values.role ?? '', password }, actor(), new Date()),
  );
  if (!outcome.ok) {
    // Problems are named as the person gave them: --email, --name, --role, or the password.
    outcome.problems.forEach((p) => io.err(`${p.path === 'password' ? 'password' : `--${p.path}`}: ${p.message}`));
    return 1;
  }
  io.out(`Added ${values.email} as ${values.role}.`);
  return 0;
}

/** One line per member, `key<TAB>/invite/<token><TAB><short code>`, for a mail merge or printed letters. */
async function inviteCommand(args: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [reference, ...keys] = positionals;
  if (!reference) throw new UsageError('invite needs a tender reference');
  const outcome = await withDb((db) => issueInvitations(db, reference, keys, actor(), new Date())).catch((error: unknown) => {
    if ((error as Error).name !== 'TenderLockedError') throw error;
    return { ok: false as const, locked: (error as Error).message };
  });
  if (!outcome.ok) {
    if ('unknownTender' in outcome) io.err(`There is no tender with the reference "${outcome.unknownTender}".`);
    else if ('unknownMembers' in outcome) io.err(`${reference} has no panel member with the key ${outcome.unknownMembers.map((k) => `"${k}"`).join(', ')}.`);
    else if ('withdrawnMembers' in outcome) io.err(`${outcome.withdrawnMembers.map((k) => `"${k}"`).join(', ')} ${outcome.withdrawnMembers.length === 1 ? 'has' : 'have'} been withdrawn from the panel of ${reference}, so no link is made.`);
    else io.err(`${outcome.locked}.`);
    io.err('No links were made.');
    return 1;
  }
  if (outcome.links.length === 0) io.err(`${reference} has no panel members yet, so no links were made.`);
  outcome.links.forEach((link) => io.out(`${link.key}\t${link.path}\t${link.code}`));
  return 0;
}

/**
 * One self-contained HTML file per bid that was not withdrawn, named <reference>-<bid>.html, in a
 * folder (--out) or together with an index in a zip (--zip). What a summary must not say (a panel
 * member's name, a price) is named on standard error, to check before the files are sent.
 */
async function summariesCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, zip: { type: 'string' } } });
  const [reference] = positionals;
  if (!reference || positionals.length > 1) throw new UsageError('summaries needs exactly one tender reference');
  if (!values.out && !values.zip) throw new UsageError('summaries needs --out <dir>, the folder to write the files to, or --zip FILE');
  return withDb(async (db) => {
    const written: string[] = [];
    if (values.out) {
      const outcome = await writeSummaryFiles(db, reference, values.out);
      if (!outcome.ok) {
        io.err('unknownTender' in outcome ? `There is no tender with the reference "${outcome.unknownTender}".` : outcome.unwritable);
        io.err('No summaries were written.');
        return 1;
      }
      if (outcome.files.length === 0) io.err(`${reference} has no bids that were not withdrawn, so no summaries were written.`);
      written.push(...outcome.files);
    }
    if (values.zip) {
      const outcome = await writeSummaryZip(db, reference, values.zip);
      if (!outcome.ok) {
        io.err('unknownTender' in outcome ? `There is no tender with the reference "${outcome.unknownTender}".` : outcome.unwritable);
        io.err(values.out ? 'The zip was not written.' : 'No summaries were written.');
        return 1;
      }
      written.push(`${outcome.file} (${outcome.files.length} files: ${outcome.files.join(', ')})`);
    }
    written.forEach((line) => io.out(line));
    const tender = await tenderRepository.findByReference(db, reference);
    const flags = tender ? await tenderSummaryFlags(db, tender) : [];
    for (const f of flags) io.err(`Check before sending: the summary for bid ${f.bid}, in the explanation of "${f.title}", ${f.kind === 'member-name' ? 'names' : 'gives'} "${f.found}", ${f.why}.`);
    return 0;
  });
}

/** The award notice's OCDS release package, written to --out; exit 1 naming what is missing. */
async function noticeCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, published: { type: 'string' }, 'summaries-sent': { type: 'string' }, 'voluntary-standstill': { type: 'string' } } });
  const [reference] = positionals;
  if (!reference || positionals.length > 1) throw new UsageError('notice needs exactly one tender reference');
  if (!values.out) throw new UsageError('notice needs --out FILE, the file to write the JSON to');
  const voluntary = values['voluntary-standstill'];
  if (voluntary !== undefined && voluntary !== 'yes' && voluntary !== 'no') throw new UsageError(`--voluntary-standstill must be yes or no (whether a light-touch contract observes a voluntary standstill), not "${voluntary}"`);
  const now = new Date();
  const config = loadConfig();
  const outcome = await withDb((db) => awardNotice(db, config, reference, { published: values.published ?? ukToday(now), summariesSent: values['summaries-sent'], voluntaryStandstill: voluntary === undefined ? undefined : voluntary === 'yes', now }));
  if (!outcome.ok && 'regime' in outcome) {
    io.err(`${outcome.regime}; no notice was written.`);
    return 1;
  }
  if (!outcome.ok) {
    if ('unknownTender' in outcome) io.err(`There is no tender with the reference "${reference}".`);
    else outcome.problems.forEach((p) => io.err(`${p}.`));
    io.err('No notice was written.');
    return 1;
  }
  try {
    await writeFile(values.out, `${JSON.stringify(outcome.notice, null, 2)}\n`);
  } catch (error) {
    io.err(`The notice could not be written to ${values.out}: ${(error as Error).message}.`);
    return 1;
  }
  const s = outcome.standstill;
  io.out(`Wrote the award notice for ${reference} (winner: bid ${outcome.winner.key}, ${outcome.winner.name}) to ${values.out}.`);
  if (s) io.out(`Standstill: ${s.days} working days from ${s.published}, ending ${s.ends}; the contract can be entered into from ${s.contractFrom}.${outcome.lightTouch ? ' This is a light-touch contract, so the standstill is voluntary.' : ''}`);
  else io.out('No standstill: this is a light-touch contract and no voluntary standstill is observed, so the notice has no standstillPeriod.');
  const sent = outcome.summariesSent;
  if (sent.day === null) io.out(`The notice has no assessmentSummariesDateSent: the summaries of bid${sent.unsent.length === 1 ? '' : 's'} ${sent.unsent.join(', ')} have no sent day recorded. Record it on each summary, or add --summaries-sent YYYY-MM-DD.`);
  else if (sent.from === 'recorded') io.out(`assessmentSummariesDateSent is ${sent.day}, the last of the sent days recorded on the summaries.`);
  return 0;
}

/** The Provider Selection Regime decision record, written to --out; exit 1 naming what is missing. */
async function decisionRecordCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  const [reference] = positionals;
  if (!reference || positionals.length > 1) throw new UsageError('decision-record needs exactly one tender reference');
  if (!values.out) throw new UsageError('decision-record needs --out FILE, the file to write the HTML to');
  const out = values.out;
  const outcome = await withDb((db) => writeRecordFile(db, reference, out));
  if (!outcome.ok) {
    outcome.problems.forEach((p) => io.err(`${p}.`));
    io.err('No record was written.');
    return 1;
  }
  io.out(`Wrote the decision record for ${reference}${outcome.winner ? ` (award to ${outcome.winner})` : ''} to ${out}.`);
  return 0;
}

/** The reminders due today across every tender, by email or as letters to print; one line per tender. */
async function remindCommand(io: Io): Promise<number> {
  const config = loadConfig();
  const mailer = config.smtp ? smtpMailer(config.smtp) : null;
  const done = await withDb((db) => sendDueReminders({ db, mailer, publicUrl: config.publicUrl, reminderDays: config.reminderDays }, actor(), () => new Date()));
  if (done.length === 0) io.out('No reminders are due today.');
  for (const { reference, tally } of done) {
    io.out(`${reference}: ${tally.sent} sent by email, ${tally.letters} letters to print, ${tally.failed} not delivered.`);
  }
  return done.some((d) => d.tally.failed > 0) ? 1 : 0;
}

async function schemaCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const text = `${JSON.stringify(JSON.parse(canonicalJson(rubricJsonSchema())), null, 2)}\n`;
  if (!values.out) {
    io.out(text.trimEnd());
    return 0;
  }
  try {
    await writeFile(values.out, text);
  } catch (error) {
    io.err(`The schema could not be written to ${values.out}: ${(error as Error).message}.`);
    return 1;
  }
  return 0;
}

const DEMO_PACK = 'fixtures/demo/home-care-demo.yaml';

async function demoCommand(io: Io): Promise<number> {
  const config = loadConfig();
  return withDb(async (db) => {
    const seed = await seedDemo(db, rubricLibrary(config.rubricsDir), DEMO_PACK, new Date());
    if (!seed.seeded) {
      io.out(
        seed.reason === 'has-tenders'
          ? `The database (${config.databaseUrl}) already holds tenders; the demo was not loaded again.`
          : `Another instance is loading the demo into the database (${config.databaseUrl}); it prints the demo accounts.`,
      );
      return 0;
    }
    io.out(`Loaded the demo tender ${seed.reference} into ${config.databaseUrl}.`);
    io.out('Demo accounts for the web app (npm start serves it):');
    seed.accounts.forEach((a) => io.out(`  ${a.role.padEnd(13)} ${a.email}  password: ${a.password}`));
    io.out('Demo panel members, with their invitation link paths:');
    seed.invitations.forEach((i) => io.out(`  ${i.name} (${i.perspective.replace('-', ' ')}): ${i.path}`));
    const results = await tenderEvaluation(db, seed.reference);
    if (results) io.out(`\n${resultsTable(results)}`);
    io.out(`\nTry: npm run cli -- results ${seed.reference} --json`);
    return 0;
  });
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'validate':
        return await validate(args, io);
      case 'import':
        return await importCommand(args, io);
      case 'results':
        return await resultsCommand(args, io);
      case 'export':
        return await exportCommand(args, io);
      case 'user':
        return await userCommand(args, io);
      case 'invite':
        return await inviteCommand(args, io);
      case 'summaries':
        return await summariesCommand(args, io);
      case 'notice':
        return await noticeCommand(args, io);
      case 'remind':
        return await remindCommand(io);
      case 'verify-audit':
        return await verifyAuditCommand(io);
      case 'migrate':
        return await migrateCommand(io);
      case 'backup':
        return await backupCommand(args, io);
      case 'restore':
        return await restoreCommand(args, io);
      case 'schema':
        return await schemaCommand(args, io);
      case 'decision-record':
        return await decisionRecordCommand(args, io);
      case 'demo':
        return await demoCommand(io);
      default:
        throw new UsageError(command ? `"${command}" is not a command` : 'no command given');
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PromptCancelled) {
      io.err(error.message);
      return 1;
    }
    if ((error as Error).name === 'ConfigError' || (error as Error).name === 'DatabaseUrlError') {
      io.err((error as Error).message);
      return 1;
    }
    throw error;
  }
}

/** Runs the CLI on this process's arguments and streams (`npm run cli` and the package bin). */
export async function main(): Promise<void> {
  loadEnvFile();
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stdin: readPassword,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
