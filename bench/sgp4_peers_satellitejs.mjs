// Times satellite.js (npm) on a TLE catalogue: every object x N one-minute steps from the latest element epoch.
// Run by bench/sgp4_peers.py with NODE_PATH pointing at the folder it installed satellite.js 7.1.0 into.
//
//   node sgp4_peers_satellitejs.mjs MODULE_DIR TLE_FILE MODE REPEATS [STEPS] [STRIDE] [THREADS]
//     MODE: loop (propagate(satrec, Date) for each object and instant), bulk (WebAssembly BulkPropagator,
//     single-thread runtime), bulk-mt (its multi-thread runtime with THREADS workers)
//     STRIDE: use every STRIDE-th object (1 = all)
// Prints one JSON line: {"mode", "objects", "steps", "seconds": [wall, per repeat], "cpu_seconds": [process CPU
// time (user + system, all threads), per repeat], "propagations"}.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [moduleDir, tleFile, mode, repeatsArg, stepsArg, strideArg, threadsArg] = process.argv.slice(2);
const sat = await import(pathToFileURL(join(moduleDir, 'node_modules/satellite.js/dist/index.js')).href);
const repeats = Number(repeatsArg ?? 3);
const steps = Number(stepsArg ?? 1440);
const stride = Number(strideArg ?? 1);
const threads = Number(threadsArg ?? 2);

// Catalogue: 2- or 3-line element sets.
const lines = readFileSync(tleFile, 'utf8').split('\n').map((l) => l.trimEnd());
const satrecs = [];
let index = 0;
for (let i = 0; i + 1 < lines.length; ++i) {
  if (lines[i].startsWith('1 ') && lines[i + 1].startsWith('2 ')) {
    if (index % stride === 0) satrecs.push(sat.twoline2satrec(lines[i], lines[i + 1]));
    ++index;
    ++i;
  }
}
// Instants: the latest element epoch (to the millisecond a Date holds), then one-minute steps.
let latest = -Infinity;
for (const s of satrecs) latest = Math.max(latest, (s.jdsatepoch - 2440587.5) * 86400000 + s.jdsatepochF * 86400000);
const start = Math.round(latest);
const dates = [];
for (let k = 0; k < steps; ++k) dates.push(new Date(start + 60000 * k));

const seconds = [];
const cpuSeconds = [];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let sink = 0;
if (mode === 'loop') {
  for (let r = 0; r < repeats; ++r) {
    const t0 = process.hrtime.bigint();
    const c0 = cpuNow();
    for (const s of satrecs) {
      for (const d of dates) {
        const pv = sat.propagate(s, d);
        if (pv && pv.position && Number.isFinite(pv.position.x)) sink += pv.position.x;
      }
    }
    seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
    cpuSeconds.push(cpuNow() - c0);
  }
} else if (mode === 'bulk' || mode === 'bulk-mt') {
  const runtime = mode === 'bulk' ? await sat.createSingleThreadRuntime()
                                  : await sat.createMultiThreadRuntime({ threadsCount: threads });
  // Slices of objects, so the output (56 bytes per state) stays well inside WebAssembly's 32-bit memory.
  const slice = 1000;
  const propagator = new sat.BulkPropagator({
    runtime,
    calculators: [new sat.EciBaseCalculator()],
    satRecsCount: slice,
    datesCount: dates.length,
  });
  propagator.setDates(dates);
  for (let r = 0; r < repeats; ++r) {
    const t0 = process.hrtime.bigint();
    const c0 = cpuNow();
    for (let first = 0; first < satrecs.length; first += slice) {
      propagator.setSatRecs(satrecs.slice(first, first + slice));
      const done = propagator.run();
      if (done) await done;
      const x = propagator.getRawOutput().eci.position[0];
      if (Number.isFinite(x)) sink += x;
    }
    seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
    cpuSeconds.push(cpuNow() - c0);
  }
  propagator.dispose();
  try {
    runtime.dispose();
  } catch (e) {
    // The Emscripten runtime reports its own exit(0) as an exception: that is the normal end.
    if (!(e && e.name === 'ExitStatus' && e.status === 0)) throw e;
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
console.log(JSON.stringify({ mode, objects: satrecs.length, steps, seconds, cpu_seconds: cpuSeconds, propagations: satrecs.length * steps,
                              sink: Number.isFinite(sink) ? 1 : 0 }));
process.exit(0);
