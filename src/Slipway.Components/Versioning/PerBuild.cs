using System.Runtime.CompilerServices;

namespace Slipway.Components.Versioning;

/// <summary>A value computed at most once per build instance (a run), held as long as the build lives.</summary>
internal sealed class PerBuild<T>
    where T : class
{
    private readonly ConditionalWeakTable<ISlipwayBuild, Lazy<T>> _values = [];

    /// <summary>The value for <paramref name="build"/>, computing it on the first call.</summary>
    public T Get(ISlipwayBuild build, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(compute);
        return _values.GetValue(build, _ => new Lazy<T>(compute, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
