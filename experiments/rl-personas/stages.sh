#!/bin/bash
# The runs behind the shipped RL policies, stage by stage, as they were made (sessions 9-10).
#
#   bash experiments/rl-personas/stages.sh PERSONA [RUNS]      # PERSONA: runner, collector, killer
#
# Every stage copies the folder of the one before and continues it with --resume, so each
# stage's folder stays (RUNS/rl-P = the imitation, RUNS/rl-P-ppo300k, ... RUNS/rl-P-ppo4.5M).
# The three personas were run side by side on 2 cores. The killer's 1.5M stage was not kept
# (its folder held the earlier shipped policy), so its 3M stage continues from 1.2M.
# Needs the rl extra (agents/README.md, "Training").
set -euo pipefail
p=$1
runs=${2:-runs}
common=(--persona "$p" --demos 1000 --dagger-rounds 10 --dagger-levels 800 --hidden 256,256
        --seed 0 --envs 8 -q)

stage() {  # stage SOURCE DEST TIMESTEPS EVAL_EVERY
    [ -f "$runs/$2/rl-$p.npz" ] && [ -f "$runs/$2/checkpoint.npz" ] && return 0  # done before
    rm -rf "${runs:?}/$2"
    cp -r "$runs/$1" "$runs/$2"
    mariogen train "${common[@]}" --timesteps "$3" --learning-rate 1e-4 --eval-every "$4" \
        -o "$runs/$2" --resume
}

[ -f "$runs/rl-$p/rl-$p.npz" ] || mariogen train "${common[@]}" --timesteps 0 -o "$runs/rl-$p"
stage "rl-$p" "rl-$p-ppo300k" 300000 50000
stage "rl-$p-ppo300k" "rl-$p-ppo600k" 600000 50000
stage "rl-$p-ppo600k" "rl-$p-ppo900k" 900000 50000
stage "rl-$p-ppo900k" "rl-$p-ppo1.2M" 1200000 50000
if [ "$p" = killer ]; then
    stage "rl-$p-ppo1.2M" "rl-$p-ppo3M" 3000000 100000
else
    stage "rl-$p-ppo1.2M" "rl-$p-ppo" 1500000 50000
    stage "rl-$p-ppo" "rl-$p-ppo3M" 3000000 100000
fi
stage "rl-$p-ppo3M" "rl-$p-ppo4.5M" 4500000 100000
