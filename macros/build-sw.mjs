// Writes SITE/sw.js: macros/sw-template.js with the precache manifest of the built site injected.
// Usage: node macros/build-sw.mjs SITE_DIR
import { injectManifest } from "workbox-build";
import { fileURLToPath } from "node:url";

const siteDir = process.argv[2];
const { count, size, warnings } = await injectManifest({
  swSrc: fileURLToPath(new URL("./sw-template.js", import.meta.url)),
  swDest: `${siteDir}/sw.js`,
  globDirectory: siteDir,
  globPatterns: ["**/*"],
  // Source maps and lunr language packs are never requested by an English site.
  globIgnores: ["sw.js", "sitemap.xml", "sitemap.xml.gz", "**/*.map", "assets/javascripts/lunr/**"],
  maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
});
if (warnings.length) {
  console.error(warnings.join("\n"));
  process.exit(1);
}
console.log(`sw.js precaches ${count} files, ${(size / 1e6).toFixed(1)} MB`);
