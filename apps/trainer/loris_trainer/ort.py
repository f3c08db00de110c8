"""Runs exported graphs in onnxruntime-node (tools/ort_run.js): onnxruntime has no Python package here,
and Node is the runtime that serves the model, so that is where the export is checked."""

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Dict

import numpy as np

ORT_RUN = Path(__file__).resolve().parent.parent / "tools" / "ort_run.js"


def run_onnx(model: Path, inputs: Dict[str, np.ndarray], threads: int = 1) -> Dict[str, np.ndarray]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        spec = {"model": str(model), "outDir": str(root / "out"), "threads": threads, "inputs": {}}
        for name, array in inputs.items():
            dtype = "int64" if array.dtype == np.int64 else "float32"
            data = np.ascontiguousarray(array.astype(np.int64 if dtype == "int64" else np.float32))
            file = root / f"{name}.bin"
            data.tofile(file)
            spec["inputs"][name] = {"file": str(file), "dtype": dtype, "shape": list(data.shape)}
        (root / "spec.json").write_text(json.dumps(spec))
        done = subprocess.run(["node", str(ORT_RUN), str(root / "spec.json")], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"onnxruntime-node failed: {done.stderr.strip()}")
        index = json.loads((root / "out" / "outputs.json").read_text())["outputs"]
        out = {}
        for name, item in index.items():
            dtype = np.int64 if item["dtype"] == "int64" else np.float32
            out[name] = np.fromfile(item["file"], dtype=dtype).reshape(item["shape"])
        return out
