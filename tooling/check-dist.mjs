#!/usr/bin/env node
// Checks the built packages (run after `pnpm build`): every packages/*/dist/**/*.js may import only
//   - node built-ins,
//   - npm/workspace packages listed in that package's dependencies (or peer/optional dependencies),
//   - relative files that exist in dist/,
// and never vitest, a test/bench file, a test helper (test-*.js), tooling/ or a test/, bench/, scripts/ folder.
// A dist/ file that is itself a compiled test, bench or test helper fails too: test code got shipped.
// Usage: node tooling/check-dist.mjs [package folder ...]   (default: every packages/* with a build script)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const builtins = new Set(builtinModules);

/** Static imports/exports, side-effect imports, dynamic import() and require(), as [specifier, offset]. */
const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(["'])([^"'\n]+)\1/g;
const DEV_FILE_RE = /(^|\/)(test-[^/]*|[^/]*\.test|[^/]*\.bench)\.(js|mjs|cjs)$/;
const DEV_DIR_RE = /(^|\/)(test|tests|bench|scripts|tooling|fixtures)\//;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.(js|mjs|cjs)$/.test(entry.name)) yield path;
  }
}

/** "@scope/name/sub" → "@scope/name"; "name/sub" → "name". */
const packageName = (spec) => {
  const parts = spec.split("/");
  return spec.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
};

const args = process.argv.slice(2);
const packageDirs = args.length
  ? args.map((a) => resolve(a))
  : readdirSync(join(root, "packages"))
      .map((d) => join(root, "packages", d))
      .filter((d) => existsSync(join(d, "package.json")) && JSON.parse(readFileSync(join(d, "package.json"), "utf8")).scripts?.build);

const problems = [];
let files = 0;
for (const pkgDir of packageDirs) {
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const dist = join(pkgDir, "dist");
  if (!existsSync(dist) || !statSync(dist).isDirectory()) {
    problems.push(`${relative(root, pkgDir)}: no dist/ (run \`pnpm build\` first)`);
    continue;
  }
  const allowed = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  for (const file of walk(dist)) {
    files++;
    const rel = relative(root, file);
    const inDist = relative(dist, file);
    const source = join(
      pkgDir,
      "src",
      inDist
        .replace(/\.js$/, ".ts")
        .replace(/\.mjs$/, ".mts")
        .replace(/\.cjs$/, ".cts"),
    );
    if (!existsSync(source)) {
      problems.push(`${rel}: stale, src/ has no ${relative(root, source)} (delete ${relative(root, dist)} and rebuild)`);
      continue;
    }
    if (DEV_FILE_RE.test(inDist) || DEV_DIR_RE.test(inDist)) {
      problems.push(
        `${rel}: a compiled test/bench file or test helper is in dist/ (a shipped src/ file imports it, tsconfig.build.json does not exclude it, or dist/ is stale: delete it and rebuild)`,
      );
    }
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[2];
      const line = text.slice(0, m.index).split("\n").length;
      const where = `${rel}:${line}: imports "${spec}"`;
      if (/^(vitest|@vitest\/)/.test(spec)) {
        problems.push(`${where}: vitest is a dev-only test runner; shipped code must not import it`);
      } else if (spec.startsWith(".") || spec.startsWith("/")) {
        const target = resolve(dirname(file), spec);
        const targetInDist = relative(dist, target);
        if (targetInDist.startsWith("..")) problems.push(`${where}: points outside dist/ (${relative(root, target)})`);
        else if (DEV_FILE_RE.test(targetInDist) || DEV_DIR_RE.test(targetInDist))
          problems.push(`${where}: a test/bench file or test helper`);
        else if (!existsSync(target)) problems.push(`${where}: no such file in dist/`);
      } else if (spec.startsWith("node:") || builtins.has(spec) || builtins.has(packageName(spec))) {
        // a node built-in
      } else if (/^@petace\/(bench|tsconfig)(\/|$)/.test(spec)) {
        problems.push(`${where}: dev-only tooling`);
      } else if (!allowed.has(packageName(spec))) {
        problems.push(`${where}: "${packageName(spec)}" is not in the "dependencies" of ${relative(root, join(pkgDir, "package.json"))}`);
      }
    }
  }
}

if (problems.length) {
  console.error(`check-dist: ${problems.length} problem(s) in the built packages:`);
  for (const p of problems) console.error(`  ${p}`);
  console.error("The built packages must run with only their dependencies installed: no vitest, no test or bench code.");
  process.exit(1);
}
console.log(`check-dist: ${files} files in ${packageDirs.length} packages' dist/ import nothing from vitest or test/bench code`);
