// Bundles the Action into dist/: compiles src/ with tsc into a temp folder, bundles src/action/index.js
// with @vercel/ncc into one ES module, and ships the RE2 binding built for Node 24 on Linux x64 beside it.
// Usage: node scripts/package-action.mjs [OUT_DIR]   (default dist/)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(process.argv[2] ?? join(root, "dist"));
const require = createRequire(import.meta.url);
/** Where the bundle looks for the binding, relative to dist/index.js (see src/action/re2-binding.ts). */
const BINDING_NAME = "re2-linux-x64-node24.node";

// Inside the repository, so that the compiled code resolves node_modules/; always the same folder,
// because ncc derives module ids from paths and the bundle must come out the same on every build.
const build = join(root, ".cache", "package-action");
rmSync(build, { recursive: true, force: true });
mkdirSync(build, { recursive: true });
try {
  // Only what src/action/index.ts imports is compiled, so unrelated work in progress cannot break a build.
  const tsconfig = join(root, ".cache", "package-action.tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(root, "tsconfig.build.json"),
      compilerOptions: { rootDir: join(root, "src"), outDir: build },
      files: [join(root, "src/action/index.ts")],
      include: [],
    }),
  );
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", tsconfig], {
    stdio: "inherit",
  });
  writeFileSync(join(build, "package.json"), '{ "type": "module" }\n');
  bundleLazyRequires(build);
  const ncc = require("@vercel/ncc");
  const { code, assets } = await ncc(join(build, "action/index.js"), {
    cache: false,
    minify: false,
    sourceMap: false,
    quiet: true,
    target: "es2022",
    license: "licenses.txt",
    // The binding is loaded by path at run time (src/action/re2-binding.ts), never bundled.
    externals: ["re2"],
  });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "index.js"), code);
  for (const [name, asset] of Object.entries(assets)) {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), asset.source);
  }
  const binding = execFileSync("bash", [join(root, "scripts/build-re2-node24.sh")], {
    encoding: "utf8",
  }).trim();
  const shipped = join(out, BINDING_NAME);
  copyFileSync(binding, shipped);
  // Debug symbols are most of the file; the stripped binding loads the same.
  try {
    execFileSync("strip", ["--strip-unneeded", shipped], { stdio: "ignore" });
  } catch {
    console.warn("package-action: strip is not available; shipping the binding unstripped");
  }
  const sha = createHash("sha256").update(readFileSync(shipped)).digest("hex");
  writeFileSync(join(out, `${BINDING_NAME}.sha256`), `${sha}  ${BINDING_NAME}\n`);
  console.log(`package-action: wrote ${out}`);
} finally {
  rmSync(build, { recursive: true, force: true });
  rmSync(join(root, ".cache", "package-action.tsconfig.json"), { force: true });
}

/**
 * ncc cannot follow `createRequire(import.meta.url)("pkg")` (a lazy load that keeps the hook fast), so
 * such a package would be missing from the bundle, which runs without node_modules. In the compiled
 * copy only, each becomes a static import that ncc bundles. The RE2 binding is loaded by path, not so.
 */
function bundleLazyRequires(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = join(entry.parentPath, entry.name);
    const code = readFileSync(file, "utf8");
    const imports = [];
    const rewritten = code.replace(/createRequire\(import\.meta\.url\)\("([^"./][^"]*)"\)/g, (_, name) => {
      const binding = `__bundled_${imports.length}`;
      imports.push(`import * as ${binding} from "${name}";`);
      return binding;
    });
    if (imports.length > 0) writeFileSync(file, `${imports.join("\n")}\n${rewritten}`);
  }
}
