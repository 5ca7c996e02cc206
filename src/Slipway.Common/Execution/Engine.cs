using System.Diagnostics;
using Serilog;
using Serilog.Events;
using Slipway.Hosts;
using Slipway.IO;
using Slipway.Logging;
using Slipway.Parameters;
using Slipway.Processes;
using Slipway.Targets;

namespace Slipway.Execution;

/// <summary>
/// A command line becomes a run: parse it, find the root, bind parameters, discover targets, plan, then
/// print help or the plan, or execute and close with the summary table. Returns the process exit code.
/// </summary>
internal static class Engine
{
    private static readonly string[] EngineOptionNames = ["help", "h", "plan", "skip", "parallel", "profile", "verbosity", CI.CiFiles.UpdateOption];

    public static int Run<TBuild>(EngineOptions options, Func<TBuild, Target>[] defaultTargets)
        where TBuild : class, IEngineBuild, new()
    {
        var stopwatch = Stopwatch.StartNew();
        var environment = options.Environment ?? Host.ReadEnvironment();
        var output = options.Output ?? Console.Out;
        var host = Host.Detect(environment, options.Output is not null || Console.IsOutputRedirected);
        var commandLine = CommandLine.Parse(options.Arguments);
        // Everything of this run (its log, secrets, cancellation, tool clock and per-build values) lives in its context,
        // found on this flow and every flow it starts; the previous flow's run comes back when this one ends.
        var run = new RunContext(host, output, Verbosity(commandLine), options.Cancellation);
        using var scope = run.Enter();
        if (options.Output is null) run.CancelOnConsoleSignals();
        try
        {
            return Execute(options, defaultTargets, environment, output, host, commandLine, run, stopwatch);
        }
        catch (Exception ex) when (ex is BuildUsageException or TargetDefinitionException or ParameterValueException)
        {
            Log.Error("{Message}", ex.Message);
            return ExitCodes.Usage;
        }
        finally
        {
            run.End();
        }
    }

    private static int Execute<TBuild>(EngineOptions options, Func<TBuild, Target>[] defaultTargets,
        IReadOnlyDictionary<string, string> environment, TextWriter output, Host host, CommandLine commandLine, RunContext run, Stopwatch stopwatch)
        where TBuild : class, IEngineBuild, new()
    {
        var root = options.RootDirectory ?? RootDirectory.Find();
        var option = commandLine.Options.ToDictionary(o => o.Normalized, o => o, StringComparer.Ordinal);

        var descriptors = ParameterSet.Discover(typeof(TBuild));
        foreach (var o in commandLine.Options)
        {
            if (EngineOptionNames.Any(n => ParameterDescriptor.Normalize(n) == o.Normalized) || descriptors.Any(p => ParameterDescriptor.Normalize(p.Name) == o.Normalized)) continue;
            var known = descriptors.Select(p => p.CliName).Concat(EngineOptionNames.Where(n => n.Length > 1).Select(n => "--" + n));
            throw new BuildUsageException($"Unknown parameter '{o.Spelling}'.{Suggestions.DidYouMean(o.Spelling, known)} Run with --help to list parameters.");
        }
        var profile = option.TryGetValue("profile", out var p) ? p.Values.FirstOrDefault() ?? throw new BuildUsageException("--profile needs a name: --profile ci reads .nuke/parameters.ci.json.") : null;
        var parameters = ParameterSet.Bind(descriptors, new ParameterSources(commandLine.Options, environment, root, profile), root);

        var build = new TBuild();
        parameters.Inject(build);
        var session = new BuildSession { RootDirectory = root, Host = host, Parameters = parameters, Context = run };
        build.Session = session;
        run.RegisterHostMasks();

        var targets = TargetDiscovery.Discover(build);
        foreach (var select in defaultTargets) Find(targets, select(build)).IsDefault = true;
        // Every run checks that the committed CI files still run the build as it needs (a CI server also that none is
        // missing) before anything runs. A local run regenerates the schema and writes missing CI files beside the run,
        // off the targets' path, and says what it wrote, or which CI file is older than its attribute, before the summary.
        if (option.TryGetValue(ParameterDescriptor.Normalize(CI.CiFiles.UpdateOption), out var update))
        {
            if (host.IsServerBuild) throw new BuildUsageException($"--{CI.CiFiles.UpdateOption} re-renders the CI files: run it locally and commit the result, not on a CI server.");
            foreach (var line in CI.CiFiles.Update(typeof(TBuild), root, update.Values.FirstOrDefault())) output.WriteLine(line);
            return ExitCodes.Success;
        }
        CI.CiFiles.Check(typeof(TBuild), root, host.IsServerBuild);
        var generated = host.IsServerBuild ? GeneratedFiles.None : GeneratedFiles.Start(() =>
        {
            SchemaWriter.WriteIfChanged(root / ".nuke" / "build.schema.json", SchemaWriter.Render(descriptors, targets));
            return CI.CiFiles.Sync(typeof(TBuild), root);
        });

        if (option.ContainsKey("help") || option.ContainsKey("h"))
        {
            generated.Report();
            output.Write(HelpText.Render(targets, parameters, build));
            return ExitCodes.Success;
        }

        var invoked = commandLine.Targets.Select(name => ByName(targets, name)).Distinct().ToList();
        if (invoked.Count == 0) invoked = [.. targets.Where(t => t.IsDefault)];
        if (invoked.Count == 0)
            throw new BuildUsageException($"No target given and the build has no default. Name one of: {string.Join(", ", targets.Where(t => !t.Definition.IsUnlisted).Select(t => t.Name))}.");
        var skip = option.TryGetValue("skip", out var s)
            ? new SkipRequest(s.Values.Count == 0, [.. s.Values.Select(n => ByName(targets, n).Name)])
            : SkipRequest.None;
        var plan = Planner.Plan(targets, invoked, skip);
        session.Invocation = new BuildInvocation
        {
            Targets = [.. invoked.Select(t => t.Name)],
            Parameters = parameters.GivenValues(),
            SecretsGiven = [.. parameters.GivenValues(secrets: true).Keys.Order(StringComparer.Ordinal)],
            StartedAt = DateTimeOffset.UtcNow - stopwatch.Elapsed,
        };
        try
        {
            // Static conditions are decided with the plan, once Invocation is set: a condition may read it.
            return Run(Planner.SkipByStaticConditions(plan), build, descriptors, option, output, host, session, run, stopwatch, generated);
        }
        finally
        {
            generated.Report();
            session.Finish();
        }
    }

    private static int Run(ExecutionPlan plan, IEngineBuild build, IReadOnlyList<ParameterDescriptor> descriptors, Dictionary<string, CommandLineOption> option,
        TextWriter output, Host host, BuildSession session, RunContext run, Stopwatch stopwatch, GeneratedFiles generated)
    {
        Requirements.Check(plan, descriptors);

        if (option.ContainsKey("plan"))
        {
            output.Write(PlanText.Render(plan, build));
            return ExitCodes.Success;
        }
        Requirements.Validate(plan);

        var parallelism = option.TryGetValue("parallel", out var par)
            ? par.Values.Count > 0 && int.TryParse(par.Values[0], out var n) && n > 0 ? n : Math.Max(2, Environment.ProcessorCount)
            : 1;
        Log.Information("Slipway · {Host} · {Targets}{Branch}{Commit}", host.Name, string.Join(" → ", plan.Order.Select(t => t.Name)),
            host.Branch is null ? "" : " · branch " + host.Branch, host.Commit is null ? "" : " · commit " + host.Commit[..Math.Min(7, host.Commit.Length)]);

        var startup = stopwatch.Elapsed;
        run.Clock.Reset();
        var executor = new Executor(plan, host, run, parallelism);
        executor.RunAsync().GetAwaiter().GetResult();
        generated.Report();
        var results = executor.Results;
        var succeeded = results.All(r => r.Status is TargetStatus.Succeeded or TargetStatus.Skipped);
        BuildLog.Raw(SummaryTable.Text(results, session, stopwatch.Elapsed));
        host.AppendSummary(SummaryTable.Markdown(results, session, stopwatch.Elapsed, succeeded));
        if (run.Cancellation.IsCancellationRequested)
        {
            Log.Error("Build cancelled after {Elapsed:0.0} s", stopwatch.Elapsed.TotalSeconds);
            return ExitCodes.Cancelled;
        }
        if (succeeded)
        {
            var tools = run.Clock.Busy;
            if (run.MinimumLevel <= LogEventLevel.Debug) Log.Debug("{EngineTime}", EngineTime.Describe(startup, run.Clock.EngineSpans));
            Log.Information("Build succeeded in {Elapsed:0.00} s (tools {Tools:0.00} s, engine {Engine:0.00} s)",
                stopwatch.Elapsed.TotalSeconds, tools.TotalSeconds, (stopwatch.Elapsed - tools).TotalSeconds);
            return ExitCodes.Success;
        }
        var failed = results.Where(r => r.Status == TargetStatus.Failed).Select(r => r.Target.Name).ToList();
        Log.Error("Build failed: {Failed}", failed.Count > 0 ? string.Join(", ", failed) + " failed" : "targets did not run");
        return ExitCodes.TargetFailed;
    }

    private static BuildTarget ByName(IReadOnlyList<BuildTarget> targets, string name) =>
        targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new BuildUsageException($"Unknown target '{name}'.{Suggestions.DidYouMean(name, targets.Select(t => t.Name))} Run with --help to list targets.");

    private static BuildTarget Find(IReadOnlyList<BuildTarget> targets, Target target) =>
        targets.FirstOrDefault(t => t.Identity == target.Method)
        ?? throw new TargetDefinitionException("The default target passed to Execute is not a target of the build.");

    private static LogEventLevel Verbosity(CommandLine commandLine)
    {
        var value = commandLine.Options.FirstOrDefault(o => o.Normalized == "verbosity")?.Values.FirstOrDefault();
        return value?.ToLowerInvariant() switch
        {
            "quiet" or "minimal" => LogEventLevel.Warning,
            "verbose" or "detailed" or "diagnostic" => LogEventLevel.Debug,
            _ => LogEventLevel.Information,
        };
    }
}
