#!/usr/bin/env node
// Converts Natural Earth land polygons, as the npm package world-atlas carries them (TopoJSON), into the compact
// text file deorbit embeds: data/natural_earth_land_110m.txt.
//
// Usage (tooling only, never at build or test time):
//   mkdir -p /tmp/land && cd /tmp/land && npm install world-atlas@2.0.2 topojson-client@3
//   node /path/to/deorbit/scripts/convert_land.mjs /tmp/land/node_modules > data/natural_earth_land_110m.txt
//
// Output: comment lines starting with '#', then per ring a header "ring P K N" (polygon index P, K = 0 for the
// exterior ring and 1 for a hole, N points) and N rows "lon lat" in degrees (6 decimals, as quantised by
// world-atlas: about 0.4 km in longitude). The closing point is not repeated. Edges are great-circle arcs on the
// sphere (world-atlas is built for d3-geo's spherical geometry: rings cross the antimeridian without a cut).
// Winding is written with the interior on the left (exterior rings counter-clockwise seen from above, holes
// clockwise): d3's spherical convention (exterior clockwise) reversed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: convert_land.mjs NODE_MODULES_DIR > natural_earth_land_110m.txt");
  process.exit(2);
}
const require = createRequire(path.join(modules, "noop.js"));
const topojson = require("topojson-client");
const atlasPackage = JSON.parse(readFileSync(path.join(modules, "world-atlas", "package.json"), "utf8"));
const topology = JSON.parse(readFileSync(path.join(modules, "world-atlas", "land-110m.json"), "utf8"));
const land = topojson.feature(topology, topology.objects.land);

const polygons = [];
for (const feature of land.features ?? [land]) {
  const g = feature.geometry;
  if (g.type === "Polygon") polygons.push(g.coordinates);
  else if (g.type === "MultiPolygon") polygons.push(...g.coordinates);
  else throw new Error(`unexpected geometry ${g.type}`);
}

const out = [];
out.push("# Natural Earth 1:110m land polygons, for deorbit's land mask (risk/land.h).");
out.push(`# Source: Natural Earth (naturalearthdata.com) version 4.1.0, land boundaries 1:110m, public domain; as`);
out.push(`#   redistributed in the npm package world-atlas@${atlasPackage.version} (file land-110m.json, TopoJSON,`);
out.push("#   ISC licence, Mike Bostock), decoded with topojson-client by scripts/convert_land.mjs.");
out.push("# Format: 'ring P K N' (polygon P, K 0 exterior / 1 hole, N points), then N rows 'lon lat' [deg]; edges are");
out.push("#   great-circle arcs; interior on the left of each ring. Closing point not repeated.");
let rings = 0;
let points = 0;
polygons.forEach((polygon, p) => {
  polygon.forEach((ring, k) => {
    const pts = ring.slice(0, ring.length - 1).reverse();  // open ring, d3 winding reversed
    out.push(`ring ${p} ${k === 0 ? 0 : 1} ${pts.length}`);
    for (const [lon, lat] of pts) out.push(`${+lon.toFixed(6)} ${+lat.toFixed(6)}`);
    rings += 1;
    points += pts.length;
  });
});
process.stdout.write(out.join("\n") + "\n");
console.error(`convert_land: ${polygons.length} polygons, ${rings} rings, ${points} points`);
