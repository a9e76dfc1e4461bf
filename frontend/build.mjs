// Builds static/dist from the pinned npm packages: the design systems' CSS and JavaScript, fonts and images.
// Their CSS refers to fonts and images at /assets/ on the site root; the build makes those references relative
// (../assets/), so they resolve under Django's STATIC_URL and collectstatic can fingerprint them.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, "static", "dist");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const moj = join(root, "node_modules", "@ministryofjustice", "frontend", "moj");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

for (const [dir, name] of [[govuk, "govuk-frontend.min"], [moj, "moj-frontend.min"]]) {
  const css = readFileSync(join(dir, `${name}.css`), "utf8")
    .replaceAll("url(/assets/", "url(../assets/")
    .replace(/\/\*# sourceMappingURL=.*?\*\/\s*$/, "");
  writeFileSync(join(out, "css", `${name}.css`), css);
  cpSync(join(dir, `${name}.js`), join(out, "js", `${name}.js`));
  cpSync(join(dir, `${name}.js.map`), join(out, "js", `${name}.js.map`));
  cpSync(join(dir, "assets"), join(out, "assets"), { recursive: true });
}
console.log(`front-end assets written to ${out}`);
