// The parts of reimpact-xl that need no package outside the standard library, run in real Pyodide (node):
// where it runs (LITE, no processes, no libdeflate), the safety check of the example workbooks (zlib path),
// zlib compression of sheet parts, and a file chosen by name among those under /data.
// node tests/pyodide_smoke.mjs PYODIDE_DIR REPO SITE_PACKAGES   (PYODIDE_DIR: node_modules/pyodide of the npm package)
// Pyodide's own packages (pandas, python-calamine, ...) come from its CDN, so the whole consolidation is not run here.
import { readFileSync, readdirSync, statSync } from "fs";
import { join } from "path";
import { pathToFileURL } from "url";

const [pyodideDir, repo, site] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: pyodideDir + "/" });
function copy(src, dst) {
  py.FS.mkdirTree(dst);
  for (const name of readdirSync(src)) {
    const from = join(src, name), to = dst + "/" + name;
    if (statSync(from).isDirectory()) { if (name !== "__pycache__") copy(from, to); }
    else if (/\.(py|yaml|json)$/.test(name)) py.FS.writeFile(to, readFileSync(from));
  }
}
copy(join(repo, "src", "reimpact_xl"), "/home/pyodide/src/reimpact_xl");
copy(join(site, "defusedxml"), "/home/pyodide/src/defusedxml");  // pure Python; micropip installs it in Lite
py.FS.mkdirTree("/data/iesniegtie");
const examples = join(repo, "workbook", "examples");
for (const f of readdirSync(examples)) if (f.endsWith(".xlsx")) py.FS.writeFile("/data/iesniegtie/" + f, readFileSync(join(examples, f)));
console.log(py.runPython(`
import json, sys, time, zlib
sys.path.insert(0, "/home/pyodide/src")
from pathlib import Path
from reimpact_xl import runtime, sheetdata
from reimpact_xl.excel import mastersettings as ms
from reimpact_xl.read import safety
start = time.perf_counter()
verdicts = {p.name: [v.kind, v.readable, [i.code for i in v.issues], len(v.sheets), sum(map(len, v.xml.values()))]
            for p in sorted(Path("/data/iesniegtie").iterdir()) for v in [safety.inspect(p)]}
packed = sheetdata.deflate(b"reimpact " * 1000)
json.dumps({"platform": sys.platform, "python": sys.version.split()[0], "lite": runtime.LITE,
            "processes": runtime.processes_available(), "libdeflate": safety.deflate is not None,
            "verdicts": verdicts, "seconds": round(time.perf_counter() - start, 2),
            "zlib_round_trip": zlib.decompress(packed.data, -15) == b"reimpact " * 1000,
            "chosen": str(ms.resolve("dobeles_novads.xlsx", runtime.DATA)),
            "dropped": [str(p) for p in runtime.dropped_workbooks()]})
`));
