"""Times the reference the onset goal is set against: librosa's onset_strength + onset_detect with the
benchmark's peak-picking parameters on one clip, after warm-up, in one numpy thread. Prints one JSON line
{librosa, numpy, median, p10, p90, runs} in ms. Run by `npm run bench:signal` when LIBROSA_PYTHON names
a Python that has librosa (the project does not install it: it is only the yardstick)."""

import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import librosa  # noqa: E402
import numpy as np  # noqa: E402
import soundfile  # noqa: E402


def main(path: str, warmup: int = 20, runs: int = 60) -> None:
    y, sr = soundfile.read(path, dtype="float32")
    if y.ndim > 1:
        y = y.mean(axis=1)

    def detect():
        envelope = librosa.onset.onset_strength(y=y, sr=sr)
        return librosa.onset.onset_detect(onset_envelope=envelope, sr=sr, wait=1, delta=0.2, pre_avg=3,
                                          post_avg=3, pre_max=3, post_max=3)

    for _ in range(warmup):
        detect()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        detect()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    at = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
    print(json.dumps({"librosa": librosa.__version__, "numpy": np.__version__, "median": at(0.5),
                      "p10": at(0.1), "p90": at(0.9), "runs": len(times)}))


if __name__ == "__main__":
    main(sys.argv[1])
