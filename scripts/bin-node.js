/**
 * What every installed bin does before its TypeScript: refuse a Node too old to
 * run it, with the fix, and install the hook that strips types under
 * node_modules (src/util/ts-hooks.js). Plain JavaScript, so an old Node reads it.
 */
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `feedshelf needs Node.js 22.18 or newer; this is ${process.version}.\n` +
      'Install a newer Node, or add it to the site: npm install --save-dev node@24 (npm scripts and npx then use it).\n',
  );
  process.exit(1);
}
await import('../src/util/ts-hooks.js');
