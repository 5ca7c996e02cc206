// The engine configures Serilog's static logger for each run; runs must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
