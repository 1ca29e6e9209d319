// Dependency boundaries of the monorepo, checked by `pnpm deps` (part of `pnpm test`).
//
// Layers, highest first; a package may import only packages on a LOWER line:
//   test-e2e > apps/* > cli > securenumpy > duet > setops > protocols > correlations > ot > network > offline-kernels > primitives
// tooling/* is dev-only: tests, benches and scripts may use it; a package's shipped src/ may not.
//
// Workspace packages are resolved as vitest and `tsc --customConditions source` resolve them: through the
// "source" export condition to packages/<name>/src/*.ts (pnpm's symlinks are followed to the real path), so a
// cross-package import shows up here as a path under packages/<name>/. An import of a workspace package that
// is not declared in the importer's package.json has no symlink, so it does not resolve; the rules match the
// bare "@petace/<name>" then.
const { readFileSync, readdirSync, existsSync } = require("node:fs");
const { join } = require("node:path");

/** Lowest layer first; each entry is { dir: the folder, name: its package name }. */
const LAYERS = [
  ["packages/primitives"],
  ["packages/offline-kernels"],
  ["packages/network"],
  ["packages/ot"],
  ["packages/correlations"],
  ["packages/protocols"],
  ["packages/setops"],
  ["packages/duet"],
  ["packages/securenumpy"],
  ["packages/cli"],
  // the apps are one layer: neither may import the other (see no-app-to-app)
  readdirSync(join(__dirname, "apps"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(__dirname, "apps", d.name, "package.json")))
    .map((d) => `apps/${d.name}`),
  ["test-e2e"],
].map((dirs) => dirs.map((dir) => ({ dir, name: JSON.parse(readFileSync(join(__dirname, dir, "package.json"), "utf8")).name })));

const ALL = LAYERS.flat();
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** Matches a module of any of `pkgs`, resolved (its folder) or unresolved (its bare name, or a subpath of it). */
const anyOf = (pkgs) => `^(${pkgs.map((p) => `${esc(p.dir)}/|${esc(p.name)}(/|$)`).join("|")})`;

/** The source roots of the workspace, as a regex prefix: packages/<x>/src/, apps/<x>/src/, test-e2e/src/. */
const SRC = "^(packages/[^/]+|apps/[^/]+|test-e2e)/src/";
/**
 * Dev-only files that live inside src/ and are left out of the build by the packages' tsconfig.build.json:
 * tests, benches, test helpers (src/**\/test-*.ts) and test fixtures (src/fixtures/).
 */
const DEV_IN_SRC = ["\\.test\\.ts$", "\\.bench\\.ts$", "/test-[^/]+\\.ts$", "/src/fixtures/"];
/** Everything dev-only, as import targets. */
const DEV_ONLY = [
  "^(packages/[^/]+|apps/[^/]+|test-e2e)/(test|bench|scripts)/",
  "^tooling/",
  "^@petace/(bench|tsconfig)(/|$)",
  ...DEV_IN_SRC,
];
const VITEST = ["(^|/)node_modules/(vitest|@vitest/[^/]+)/", "^(vitest|@vitest/[^/]+)(/|$)"];

const upward = LAYERS.flatMap((layer, i) => {
  const higher = LAYERS.slice(i + 1).flat();
  if (higher.length === 0) return [];
  return layer.map((pkg) => ({
    name: "no-upward-import",
    severity: "error",
    comment: `${pkg.name} (${pkg.dir}) may import only lower layers; it must not import ${higher.map((p) => p.name).join(", ")}`,
    from: { path: `^${esc(pkg.dir)}/` },
    to: { path: anyOf(higher) },
  }));
});

// (d) the shipped src/ of a package imports only the workspace packages in its "dependencies"
const undeclared = ALL.flatMap((pkg) => {
  const manifest = JSON.parse(readFileSync(join(__dirname, pkg.dir, "package.json"), "utf8"));
  const deps = new Set(Object.keys(manifest.dependencies ?? {}));
  const others = ALL.filter((p) => p.name !== pkg.name && !deps.has(p.name));
  return [
    {
      name: "no-undeclared-workspace-dep",
      severity: "error",
      comment: `${pkg.dir}/src may import only the workspace packages in the "dependencies" of ${pkg.dir}/package.json`,
      from: { path: `^${esc(pkg.dir)}/src/`, pathNot: DEV_IN_SRC },
      to: { path: anyOf(others) },
    },
  ];
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // (a) layering
    ...upward,
    {
      name: "no-app-to-app",
      severity: "error",
      comment: "an app must not import another app",
      from: { path: "^apps/([^/]+)/" },
      to: { path: "^apps/[^/]+/", pathNot: "^apps/$1/" },
    },
    {
      name: "no-tooling-to-workspace",
      severity: "error",
      comment: "tooling/ sits below every package (anything may use it in tests/benches), so it must not import them",
      from: { path: "^tooling/" },
      to: { path: anyOf(ALL) },
    },
    // (b) cycles
    {
      name: "no-circular-in-src",
      severity: "error",
      comment: "an import cycle in a package's src/ that exists at run time (no hop of it is an `import type`)",
      from: { path: SRC },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-type-only-circular-in-src",
      severity: "warn",
      comment:
        "an import cycle in a package's src/ that is broken at run time by an `import type` hop (mutually recursive types); reported, not failed",
      from: { path: SRC },
      to: { circular: true, via: { dependencyTypes: ["type-only"] } },
    },
    // (c) shipped code stays free of dev-only code
    {
      name: "no-dev-code-in-src",
      severity: "error",
      comment:
        "a shipped src/ file must not import test/, bench/, scripts/, tooling/, a *.test.ts / *.bench.ts / test-*.ts file or src/fixtures/ " +
        "(tsc would pull it into dist/ even though tsconfig.build.json excludes it)",
      // test-e2e ships nothing: its src/ is the harness of the two-process tests.
      from: { path: SRC, pathNot: [...DEV_IN_SRC, "^test-e2e/"] },
      to: { path: DEV_ONLY },
    },
    {
      name: "no-vitest-in-src",
      severity: "error",
      comment: "a shipped src/ file must not import vitest (the built packages must run without it)",
      from: { path: SRC, pathNot: DEV_IN_SRC },
      to: { path: VITEST },
    },
    // (d) declared dependencies
    ...undeclared,
    {
      name: "no-dev-or-undeclared-npm-dep-in-src",
      severity: "error",
      comment: 'a shipped src/ file imports only npm packages in its package\'s "dependencies" (not devDependencies, not undeclared)',
      from: { path: SRC, pathNot: DEV_IN_SRC },
      to: { dependencyTypes: ["npm-dev", "npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "an import that does not resolve (a typo, or a package missing from package.json)",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    // build output of the workspace only (npm packages keep their dist/: vitest resolves into one)
    exclude: { path: ["^(packages|apps|tooling)/[^/]+/(dist|coverage|\\.turbo)/", "^test-e2e/(dist|coverage|\\.turbo)/"] },
    // type-only imports count: a layering or cycle violation in types is still one
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["source", "import", "types", "node", "default"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".mts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    // each file's npm dependency types come from its nearest package.json
    combinedDependencies: false,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
