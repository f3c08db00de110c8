#!/usr/bin/env bash
# Trains the shipped default model (models/default) from nothing but this repository:
# a seeded synthetic corpus (libs/synth), the `tiny` config of apps/trainer, then ONNX export with its
# model card. Knobs: DATA_SEED, CORPUS_COUNT, CROSS_GENRE, STEPS, OUT (the card in models/default/README.md
# says how long it took).
set -euo pipefail
cd "$(dirname "$0")/.."

data_seed=${DATA_SEED:-0}
count=${CORPUS_COUNT:-400}
# Half the dancers move in another genre's style than their music, so the genre must come from the label.
cross=${CROSS_GENRE:-0.5}
steps=${STEPS:-6000}
corpus=${CORPUS_DIR:-data/synth-seed${data_seed}-n${count}-cross${cross}}
run=${RUN_DIR:-runs/default-seed${data_seed}}
out=${OUT:-models/default}

if [[ ! -f "$corpus/manifest.jsonl" ]]; then
  echo "==> synthetic corpus: $count examples of 25 s, seed $data_seed, cross-genre $cross -> $corpus"
  node tools/bin/loris.js synth dataset --count "$count" --seconds 25 --seed "$data_seed" \
    --cross-genre "$cross" --out "$corpus"
fi

echo "==> training tiny for $steps steps -> $run (JSON lines in $run/train.log)"
mkdir -p "$run"
resume=()
[[ -f "$run/checkpoints/last.pt" ]] && resume=(--resume "$PWD/$run/checkpoints/last.pt")
(cd apps/trainer && /usr/bin/python3 -m loris_trainer train --config tiny --manifest "$OLDPWD/$corpus" \
  --out "$OLDPWD/$run" --steps "$steps" --threads "${THREADS:-2}" "${resume[@]}") | tee -a "$run/train.log"

echo "==> exporting -> $out"
(cd apps/trainer && /usr/bin/python3 -m loris_trainer export --checkpoint "$OLDPWD/$run/checkpoints/last.pt" --out "$OLDPWD/$out")
echo "Default model written to $out"
