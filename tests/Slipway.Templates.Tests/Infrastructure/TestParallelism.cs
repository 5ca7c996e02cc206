// Three template tests at a time (xunit's default is one per core, two here). These tests spend much of their time
// waiting: on NuGet restores, registry pushes and pulls, containers turning healthy. A third collection fills those
// waits; tests of one collection still run one at a time. benchmarks/ci-phases.sh shows the effect.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
