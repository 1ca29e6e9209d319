/** bin/petace.js, the checked-in launcher of the built CLI, run from a copy next to a stand-in dist/. */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const launcher = fileURLToPath(new URL("../bin/petace.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "petace-launcher-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function petace(args: string[]) {
  return spawnSync(process.execPath, [join(dir, "bin", "petace.js"), ...args], { encoding: "utf8", timeout: 20_000 });
}

describe("bin/petace.js", () => {
  mkdirSync(join(dir, "bin"));
  copyFileSync(launcher, join(dir, "bin", "petace.js"));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');

  it("without dist/ says, in one line, how to build or run from source", () => {
    const r = petace(["--help"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^petace: not built \(.*dist[\\/]main\.js is missing\): build it with `pnpm build` .* `pnpm petace <command> \.\.\.`\n$/,
    );
  });

  it("runs dist/main.js with the arguments once built", () => {
    mkdirSync(join(dir, "dist"));
    writeFileSync(join(dir, "dist", "main.js"), 'process.stdout.write("ran " + process.argv.slice(2).join(" ") + "\\n");\n');
    expect(petace(["id", "--key", "a.key"])).toMatchObject({ status: 0, stdout: "ran id --key a.key\n", stderr: "" });
  });

  it("a build missing a dependency's dist/ gets the same hint", () => {
    writeFileSync(join(dir, "dist", "main.js"), 'import "./missing/dist/index.js";\n');
    const r = petace([]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^petace: incomplete build \(.*missing.dist.index\.js.*\): build it with `pnpm build`/);
  });
});
