#!/usr/bin/env node
// Loads a CZML file into CesiumJS in headless Chromium and reports what Cesium made of it: the entities, a position
// of each moving object inside its availability, the clock, and any error. Takes a screenshot of the globe.
//
// Not part of the build or of ctest (it needs npm packages and a browser). Set up once, outside the repository:
//   apt-get install -y chromium
//   mkdir -p /tmp/czml-check && (cd /tmp/czml-check && npm install cesium playwright-core)
// Then:
//   node scripts/check_czml.mjs FILE.czml --modules /tmp/czml-check/node_modules [--screenshot out.png]
// Exit status 0 when Cesium loaded the document and every entity has its geometry, 1 otherwise.
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const modules = option("--modules", process.env.CZML_CHECK_MODULES ?? "node_modules");
const screenshot = option("--screenshot", null);
const czmlFile = args[0];
if (!czmlFile || !fs.existsSync(czmlFile)) {
  console.error("usage: node scripts/check_czml.mjs FILE.czml --modules DIR/node_modules [--screenshot out.png]");
  process.exit(2);
}
const require = createRequire(path.resolve(modules, "noop.js"));
const { chromium } = require("playwright-core");
const cesiumDir = path.join(path.dirname(require.resolve("cesium/package.json")), "Build", "Cesium");

const page_html = `<!doctype html><html><head><meta charset="utf-8">
<script src="/cesium/Cesium.js"></script><link href="/cesium/Widgets/widgets.css" rel="stylesheet">
<style>html,body,#v{margin:0;width:100%;height:100%;overflow:hidden}</style></head>
<body><div id="v"></div><script>
(async () => {
  try {
    Cesium.Ion.defaultAccessToken = "";
    const viewer = new Cesium.Viewer("v", {
      baseLayer: Cesium.ImageryLayer.fromProviderAsync(Cesium.TileMapServiceImageryProvider.fromUrl(
          Cesium.buildModuleUrl("Assets/Textures/NaturalEarthII"))),
      terrainProvider: new Cesium.EllipsoidTerrainProvider(),
      geocoder: false, baseLayerPicker: false, homeButton: false, sceneModePicker: false,
      navigationHelpButton: false, fullscreenButton: false });
    const source = await Cesium.CzmlDataSource.load("/data.czml");
    await viewer.dataSources.add(source);
    const clock = source.clock;
    const report = { name: source.name, clock: clock && { start: Cesium.JulianDate.toIso8601(clock.startTime),
        stop: Cesium.JulianDate.toIso8601(clock.stopTime), multiplier: clock.multiplier }, entities: [] };
    for (const e of source.entities.values) {
      const item = { id: e.id, name: e.name, kinds: [] };
      for (const k of ["point", "path", "label", "polyline", "polygon"]) if (e[k]) item.kinds.push(k);
      let t = clock ? clock.currentTime : Cesium.JulianDate.now();
      if (e.availability && e.availability.length) {
        const iv = e.availability.get(0);
        t = Cesium.JulianDate.addSeconds(iv.start, Cesium.JulianDate.secondsDifference(iv.stop, iv.start) / 2,
                                         new Cesium.JulianDate());
        item.availability = Cesium.JulianDate.toIso8601(iv.start) + "/" + Cesium.JulianDate.toIso8601(iv.stop);
      }
      if (e.position) {
        const p = e.position.getValue(t);
        item.position_time = Cesium.JulianDate.toIso8601(t);
        item.position_m = p ? [p.x, p.y, p.z] : null;
        if (p) {
          const c = Cesium.Cartographic.fromCartesian(p);
          item.height_km = c.height / 1000;
        }
        item.frame = e.position.referenceFrame === Cesium.ReferenceFrame.INERTIAL ? "INERTIAL" : "FIXED";
      }
      if (e.polyline) item.polyline_points = (e.polyline.positions.getValue(t) || []).length;
      if (e.polygon) item.polygon_points = ((e.polygon.hierarchy.getValue(t) || {}).positions || []).length;
      report.entities.push(item);
    }
    // Show the middle of the clock span with everything in view.
    if (clock) {
      viewer.clock.currentTime = Cesium.JulianDate.addSeconds(clock.startTime,
          Cesium.JulianDate.secondsDifference(clock.stopTime, clock.startTime) / 2, new Cesium.JulianDate());
      viewer.clock.shouldAnimate = false;
    }
    await viewer.zoomTo(source);
    window.czmlReport = report;
    const done = () => { if (viewer.scene.globe.tilesLoaded) { document.title = "ready"; } else { setTimeout(done, 250); } };
    done();
  } catch (err) {
    window.czmlReport = { error: String(err && err.stack || err) };
    document.title = "error";
  }
})();
</script></body></html>`;

const types = { ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png",
                ".jpg": "image/jpeg", ".xml": "application/xml", ".html": "text/html", ".czml": "application/json" };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split("?")[0]);
  let file = null;
  if (url === "/favicon.ico") { res.writeHead(204); return res.end(); }
  if (url === "/" || url === "/index.html") { res.writeHead(200, { "content-type": "text/html" }); return res.end(page_html); }
  if (url === "/data.czml") file = path.resolve(czmlFile);
  else if (url.startsWith("/cesium/")) {
    const f = path.join(cesiumDir, path.normalize(url.slice(8)));
    if (f.startsWith(cesiumDir + path.sep)) file = f;
  }
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const port = server.address().port;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-quic", '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'] });  // playwright gives the browser a fresh profile
let status = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.title === "ready" || document.title === "error", null, { timeout: 90000 });
  const report = await page.evaluate(() => window.czmlReport);
  report.console_errors = consoleErrors;
  if (screenshot) { await page.screenshot({ path: screenshot }); report.screenshot = screenshot; }
  console.log(JSON.stringify(report, null, 2));
  const complete = (e) => (!e.kinds.includes("point") || e.position_m) &&
                          (!e.kinds.includes("polyline") || e.polyline_points >= 2) &&
                          (!e.kinds.includes("polygon") || e.polygon_points >= 3);
  status = !report.error && report.entities.length > 0 && report.entities.every(complete) ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(status);
