namespace Slipway.Components.Versioning;

/// <summary>
/// The key of a value computed at most once per run: the value itself lives in the run (<see cref="RunContext.Once{T}"/>)
/// and ends with it, so two builds in one process never share it. A static instance of this class holds no state.
/// A value that needs async work is a <see cref="Task{TResult}"/>, started by the first caller and awaited by every caller.
/// </summary>
internal sealed class PerBuild<T>
    where T : class
{
    /// <summary>The value for <paramref name="build"/>'s run, computing it on the first call.</summary>
    public T Get(ISlipwayBuild build, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(compute);
        return build.Context.Once(this, compute);
    }

    /// <summary>The value for the image named <paramref name="image"/> in <paramref name="build"/>'s run, computing it on the first call.</summary>
    public T Get(ISlipwayBuild build, string image, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(compute);
        return build.Context.Once((this, image), compute);
    }
}
