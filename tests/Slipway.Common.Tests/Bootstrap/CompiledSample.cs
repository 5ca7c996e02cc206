namespace Slipway.Common.Tests.Bootstrap;

/// <summary>
/// A sample repository shared by the tests of one script that only run the build (they change no input):
/// compiled by its first run, which is kept for the tests to look at. Created on first use, so a script whose
/// interpreter is missing costs nothing.
/// </summary>
public abstract class CompiledSample : IDisposable
{
    private readonly Lazy<(SampleRepository Repository, ScriptRun FirstRun)> _sample;

    private protected CompiledSample(BootstrapScript script) =>
        _sample = new(() =>
        {
            var repository = SampleRepository.Create();
            return (repository, repository.Run(script));
        });

    internal SampleRepository Repository => _sample.Value.Repository;

    internal ScriptRun FirstRun => _sample.Value.FirstRun;

    public void Dispose()
    {
        if (_sample.IsValueCreated) _sample.Value.Repository.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The compiled sample for build.sh.</summary>
public sealed class BuildShSample() : CompiledSample(BootstrapScript.Bash);

/// <summary>The compiled sample for build.ps1.</summary>
public sealed class BuildPs1Sample() : CompiledSample(BootstrapScript.PowerShell);
