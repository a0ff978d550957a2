import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { CrossfootError, type Diagnostic, type Locale, sortDiagnostics } from '@crossfoot/core';
import { type FormatInput, type FormatOptions, format, summarize } from '@crossfoot/formatters';
import { type FileEntry, Session, toUri, VERSION } from 'crossfoot';
import { annotationText, emitAnnotations, hiddenCount, planAnnotations } from './annotations.ts';
import { changedFiles, type Git, runGit, selectChanged } from './changed.ts';
import { checkFiles } from './check.ts';
import { type ChecksClient, checkAnnotation, publishCheckRun } from './checks.ts';
import { type RunContext, readContext } from './context.ts';
import { type Inputs, readInputs } from './inputs.ts';
import { count, t } from './messages.ts';
import { conclusion, reachesFailOn } from './outcome.ts';
import { CHECK_RUN_SUMMARY_LIMIT, fitSummary, SUMMARY_LIMIT } from './summary.ts';

export interface RunOptions {
  /** Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** Used when `GITHUB_WORKSPACE` is not set. Default: `process.cwd()`. */
  cwd?: string;
  git?: Git;
  /** Builds the Checks API client; default: `@actions/github`'s octokit at `GITHUB_API_URL`. */
  checksClient?: (token: string, baseUrl: string) => ChecksClient;
}

export interface Outcome {
  errors: number;
  warnings: number;
  infos: number;
  /** Files checked. */
  files: number;
  sarifFile: string | undefined;
  failed: boolean;
}

const defaultChecksClient = (token: string, baseUrl: string): ChecksClient => getOctokit(token, { baseUrl });

/**
 * The Action: check the reports, annotate the first findings, write every finding to the job summary
 * (and SARIF, and a check run when a token is given), set the outputs and fail when findings reach `fail-on`.
 * Never throws: a config, pack or input error fails the step with its located message.
 */
export async function run(options: RunOptions = {}): Promise<Outcome | undefined> {
  const context = readContext(options.env ?? process.env, options.cwd ?? process.cwd());
  let locale: Locale = 'zh-CN';
  try {
    const inputs = readInputs();
    const session = await Session.create({ cwd: context.workspace, packs: inputs.packs, config: inputs.config, locale: inputs.locale });
    locale = session.locale;
    const all = await session.files(inputs.paths);
    const files = await inScope(inputs, context, all, locale, options.git ?? runGit);
    const result = await checkFiles(session, all, files);
    const input: FormatInput = { diagnostics: sortDiagnostics(result.diagnostics), rules: result.rules, files: result.files };
    return await report(input, { inputs, context, locale, total: all.length, checksClient: options.checksClient ?? defaultChecksClient });
  } catch (error) {
    if (error instanceof CrossfootError) {
      core.setFailed(error.format((file) => (isAbsolute(file) ? toUri(context.workspace, file) : file)));
    } else {
      core.debug((error as Error)?.stack ?? String(error));
      core.setFailed(t(locale, 'error.internal', { message: (error as Error)?.message ?? String(error) }));
    }
    return undefined;
  }
}

/** Every file, or with `only-changed` on a pull request the ones it changes. */
async function inScope(inputs: Inputs, context: RunContext, all: FileEntry[], locale: Locale, git: Git): Promise<FileEntry[]> {
  if (!inputs.onlyChanged) return all;
  if (!context.pullRequest) {
    core.info(t(locale, 'log.onlyChangedNoPullRequest', { event: context.eventName || 'local' }));
    return all;
  }
  const base = context.pullRequest.baseSha;
  const files = selectChanged(all, await changedFiles(context.workspace, base, git));
  core.info(t(locale, 'log.onlyChanged', { checked: count(locale, 'count.files', files.length), total: all.length, base: base.slice(0, 12) }));
  return files;
}

interface ReportOptions {
  inputs: Inputs;
  context: RunContext;
  locale: Locale;
  /** Files in the run before `only-changed` narrowed it. */
  total: number;
  checksClient: (token: string, baseUrl: string) => ChecksClient;
}

async function report(input: FormatInput, { inputs, context, locale, total, checksClient }: ReportOptions): Promise<Outcome> {
  const formatOptions: FormatOptions = { locale, color: false, toolVersion: VERSION };
  const counts = summarize(input);
  const title = t(locale, 'title', {
    files: count(locale, 'count.files', counts.files),
    errors: count(locale, 'count.errors', counts.errors),
    warnings: count(locale, 'count.warnings', counts.warnings),
    infos: count(locale, 'count.infos', counts.infos),
  });

  // The log keeps every finding, whatever else is cut.
  if (input.diagnostics.length > 0) {
    core.startGroup(t(locale, 'log.findings', { findings: count(locale, 'count.findings', input.diagnostics.length) }));
    core.info(format('stylish', input, formatOptions).trimEnd());
    core.endGroup();
  }
  core.info(title);

  const sarifFile = inputs.sarifFile ? resolve(context.workspace, inputs.sarifFile) : undefined;
  if (sarifFile) {
    mkdirSync(dirname(sarifFile), { recursive: true });
    // Written whole, then renamed: a cancelled job never leaves half a SARIF file for the upload step.
    const temp = `${sarifFile}.${process.pid}.tmp`;
    writeFileSync(temp, format('sarif', input, formatOptions));
    renameSync(temp, sarifFile);
    core.info(t(locale, 'log.sarifWritten', { file: sarifFile }));
  }
  /** The SARIF file as the summary and log name it: relative to the workspace. */
  const sarifUri = sarifFile ? toUri(context.workspace, sarifFile) : undefined;

  const notes: string[] = [];
  if (inputs.onlyChanged && context.pullRequest) notes.push(t(locale, 'summary.onlyChanged', { checked: count(locale, 'count.files', counts.files), total }));
  if (inputs.annotate) {
    const shown = annotate(input.diagnostics, locale, sarifUri);
    if (shown < input.diagnostics.length) notes.push(t(locale, 'summary.annotations', { shown: count(locale, 'count.findings', shown) }));
  }

  const markdown = format('markdown', input, formatOptions);
  if (context.summaryFile) {
    const existing = existsSync(context.summaryFile) ? statSync(context.summaryFile).size : 0;
    const more = (n: number) => (sarifUri ? t(locale, 'summary.more', { n, file: sarifUri }, n) : t(locale, 'summary.moreInLog', { n }, n));
    await core.summary.addRaw(withNotes(markdown, notes, SUMMARY_LIMIT - existing, more)).write();
  } else {
    core.info(t(locale, 'log.noSummaryFile'));
  }

  if (inputs.githubToken) {
    const more = (n: number) => t(locale, 'summary.moreInJobSummary', { n }, n);
    await checkRun(input, {
      token: inputs.githubToken,
      context,
      locale,
      title,
      summary: withNotes(markdown, notes, CHECK_RUN_SUMMARY_LIMIT, more),
      conclusion: conclusion(counts, inputs.failOn),
      checksClient,
    });
  }

  core.setOutput('errors', counts.errors);
  core.setOutput('warnings', counts.warnings);
  core.setOutput('files', counts.files);
  core.setOutput('sarif-file', sarifFile ?? '');
  const failed = reachesFailOn(counts, inputs.failOn);
  if (failed) {
    core.setFailed(
      t(locale, 'failed', {
        errors: count(locale, 'count.errors', counts.errors),
        warnings: count(locale, 'count.warnings', counts.warnings),
        failOn: inputs.failOn,
      }),
    );
  }
  return { errors: counts.errors, warnings: counts.warnings, infos: counts.infos, files: counts.files, sarifFile, failed };
}

/** Annotates the findings GitHub will show and says in the log how many it left out; returns how many it annotated. */
function annotate(diagnostics: Diagnostic[], locale: Locale, sarifUri: string | undefined): number {
  const plan = planAnnotations(diagnostics);
  emitAnnotations(plan, locale);
  if (hiddenCount(plan) > 0) {
    core.info(
      t(locale, 'log.annotationsHidden', {
        errors: count(locale, 'count.errors', plan.hidden.error),
        warnings: count(locale, 'count.warnings', plan.hidden.warning),
        infos: count(locale, 'count.infos', plan.hidden.info),
        sarif: sarifUri ? t(locale, 'log.andSarif', { file: sarifUri }) : '',
      }),
    );
  }
  return plan.shown.length;
}

/** The markdown report fitted into `budget` bytes together with the Action's notes after it. */
function withNotes(markdown: string, notes: string[], budget: number, more: (omitted: number) => string): string {
  const tail = notes.length > 0 ? `\n${notes.join('\n\n')}\n` : '';
  return fitSummary(markdown, budget - Buffer.byteLength(tail, 'utf8'), more).text + tail;
}

interface CheckRunOptions {
  token: string;
  context: RunContext;
  locale: Locale;
  title: string;
  summary: string;
  conclusion: 'success' | 'neutral' | 'failure';
  checksClient: (token: string, baseUrl: string) => ChecksClient;
}

/** Every finding as one check run. A failure here (a fork's read-only token) is a warning: the rest of the report stands. */
async function checkRun(input: FormatInput, options: CheckRunOptions): Promise<void> {
  const { context, locale } = options;
  if (!context.repository || !context.headSha) {
    core.warning(t(locale, 'log.noRepository'));
    return;
  }
  const annotations = input.diagnostics.map((d) => checkAnnotation(d, annotationText(d, locale)));
  try {
    const url = await publishCheckRun(options.checksClient(options.token, context.apiUrl), {
      ...context.repository,
      headSha: context.headSha,
      name: 'crossfoot',
      title: options.title,
      summary: options.summary,
      conclusion: options.conclusion,
      annotations,
    });
    if (url) core.info(t(locale, 'log.checkRun', { url }));
  } catch (error) {
    const status = (error as { status?: number }).status;
    const reason = `${status ? `HTTP ${status}: ` : ''}${(error as Error)?.message ?? String(error)}`;
    core.warning(t(locale, 'log.checkRunFailed', { reason }));
  }
}
