# Process settings for libtorch on the CPU, sourced by ./vapr and the bench/ scripts; a value already set wins.
# Measured on 2 cores with bench/train-step.sh (the world model's training step); see README "Training speed".

# OpenMP threads sleep between ops rather than spin without bound (OMP_WAIT_POLICY=active made small ops 25-70x
# slower when two processes shared the 2 cores) ...
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# ... but spin briefly first: waking a sleeping thread for each of the ~1,500 small ops of a step cost a third of the
# step (15.3k -> 22-24k tokens/s alone; with two processes on the 2 cores 12.8k -> 9.9k each, where active gave 0.8k).
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-2000}"
# glibc hands tensors of a few MB back to the kernel when freed and takes fresh pages for the next one: ~10k page
# faults per training step. Keeping freed memory in the heap removes them (+15-20% tokens/s); the process keeps
# up to 1 GiB of freed memory for reuse.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-1073741824}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-268435456}"
